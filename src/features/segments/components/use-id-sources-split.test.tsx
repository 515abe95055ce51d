// @vitest-environment jsdom
// useIdSources' split actions over a real SegmentWorkspace at the end of a MessageChannel.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { keptListBytes } from '../testing/kept-list-bytes'
import { channelWorker } from '../testing/segment-worker-channel'
import { useIdSources } from './use-id-sources'

beforeAll(() => vi.stubGlobal('Blob', NodeBlob))
afterAll(() => vi.unstubAllGlobals())

const tickets = [
  'Account ID,Plan Type,Renewal Status',
  'A1,Full Season,Renewed',
  'A2,Half Season,Lapsed',
  'A3,Full Season,Lapsed',
  'A4,Half Season,Renewed',
].join('\n')

/** The tickets read as one source, split by Plan Type. */
async function splitTickets() {
  const rendered = renderHook(() => useIdSources(channelWorker()))
  const { result } = rendered
  act(() =>
    result.current.addFiles([
      new NodeFile([tickets], 'tickets.csv', { type: 'text/csv' }) as unknown as File,
    ]),
  )
  await waitFor(() => expect(result.current.sources[0]?.status).toBe('ready'))
  const sourceId = result.current.sources[0]?.sourceId ?? ''
  const settings = { sourceId, column: 'Plan Type', tagPrefix: 'plan', titlePattern: '{value}' }
  act(() => result.current.setSplit(settings))
  await waitFor(() => expect(result.current.split?.total).toBe(2))
  return { ...rendered, sourceId, settings }
}

const tagsAndCounts = (split: { rows: { tag: string; idCount: number }[] } | null) =>
  split?.rows.map((row) => [row.tag, row.idCount])

describe('useIdSources: one segment per value', () => {
  it('holds the split table and follows the conditions and the other sources', async () => {
    const { result, sourceId, unmount } = await splitTickets()
    expect(tagsAndCounts(result.current.split)).toEqual([
      ['planFullSeason', 2],
      ['planHalfSeason', 2],
    ])
    await act(() =>
      result.current.setConditions(sourceId, [
        { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] },
      ]),
    )
    await waitFor(() =>
      expect(tagsAndCounts(result.current.split)).toEqual([
        ['planFullSeason', 1],
        ['planHalfSeason', 1],
      ]),
    )
    act(() => result.current.addPastedText('A4'))
    act(() => result.current.setMode('subtract'))
    await waitFor(() =>
      expect(tagsAndCounts(result.current.split)).toEqual([['planFullSeason', 1]]),
    )
    unmount()
  })

  it('edits, prepares the batch and compares a tag, by name', async () => {
    const { result, unmount } = await splitTickets()
    act(() => result.current.editSplitSegment('Half Season', { tag: 'halves' }))
    await waitFor(() => expect(result.current.split?.rows[1]?.tag).toBe('halves'))
    act(() => result.current.editSplitSegment('Full Season', { ticked: false }))
    await waitFor(() => expect(result.current.split?.ticked).toBe(1))
    const batch = await result.current.prepareBatch({ sourceType: 0, notes: '' })
    expect(batch.segments.map(({ tag, idCount }) => [tag, idCount])).toEqual([['halves', 2]])
    expect(await result.current.diffSegmentAgainst('halves', keptListBytes('["A2"]'))).toEqual({
      added: 1,
      removed: 0,
      unchanged: 1,
      previousSize: 1,
    })
    unmount()
  })

  it('says why a split cannot be set, and ends with its source', async () => {
    const { result, sourceId, settings, unmount } = await splitTickets()
    act(() => result.current.setSplit({ ...settings, tagPrefix: 'plan-' }))
    await waitFor(() =>
      expect(result.current.splitRefusal).toBe('A tag prefix may contain only letters and digits.'),
    )
    act(() => result.current.remove(sourceId))
    expect(result.current.split).toBeNull()
    unmount()
  })
})
