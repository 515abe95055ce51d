// @vitest-environment jsdom
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { downloadBlob } from '../../../lib/download'
import { headerSignature } from '../../../lib/reading-memory'
import { segmentReadings } from '../memory/segment-reading-memory'
import { keptListBytes } from '../testing/kept-list-bytes'
import { channelWorker } from '../testing/segment-worker-channel'
import { SegmentWorkspace } from '../worker/segment-workspace'
import { useIdSources } from './use-id-sources'

vi.mock('../../../lib/download', () => ({ downloadBlob: vi.fn() }))

// The hook terminates the worker when unmounted.
function renderIdSources() {
  return renderHook(() => useIdSources(channelWorker()))
}

afterEach(() => {
  localStorage.clear()
  vi.mocked(downloadBlob).mockClear()
})

// In a browser the worker gets a Blob of its own realm; here the file crosses a Node MessagePort
// and arrives as Node's Blob, which the workspace must recognise as a Blob (jsdom's is another).
beforeAll(() => vi.stubGlobal('Blob', NodeBlob))
afterAll(() => vi.unstubAllGlobals())

type Rendered = ReturnType<typeof renderIdSources>['result']

/**
 * A file Node's MessagePort can carry (jsdom's File arrives as an empty object). It arrives as a
 * Blob without its name, so whatever the worker says about it is nameless here; the name the page
 * itself gives a source being read or failed is kept. Names are asserted on pasted sources.
 */
function file(name: string, content: string | Uint8Array): File {
  return new NodeFile([content], name, { type: 'text/csv' }) as unknown as File
}

/** Waits until nothing is being read and the combined list has caught up with the sources. */
async function settled(result: Rendered) {
  await waitFor(() => {
    expect(result.current.busy).toBe(false)
    const ready = result.current.sources.filter((source) => source.status === 'ready')
    expect(result.current.combined?.perSource.map((source) => source.sourceId) ?? []).toEqual(
      ready.map((source) => source.sourceId),
    )
  })
}

/** Pasted IDs 1–3, then the kept list "Renewals" with 2–4: two sources overlapping on 2 and 3. */
async function twoOverlappingSources() {
  const rendered = renderIdSources()
  const { result } = rendered
  act(() => result.current.addPastedText('1\n2\n3'))
  await settled(result)
  act(() => result.current.addKeptList('Renewals', '["2","3","4"]', 3))
  await settled(result)
  return rendered
}

const counts = (result: Rendered) =>
  result.current.combined?.perSource.map(({ name, uniqueIds, removed }) => ({
    name,
    uniqueIds,
    removed,
  }))

describe('useIdSources', () => {
  it('shows pasted IDs being read, then how many unique IDs they hold', async () => {
    const { result, unmount } = renderIdSources()

    act(() => result.current.addPastedText('0012\n0034, 0012'))

    expect(result.current.busy).toBe(true)
    expect(result.current.sources).toMatchObject([{ status: 'reading', name: 'Pasted IDs' }])
    expect(result.current.announcement?.text).toBe('Reading Pasted IDs…')

    await settled(result)
    expect(result.current.sources).toMatchObject([
      { status: 'ready', name: 'Pasted IDs', summary: { kind: 'paste', uniqueIds: 2 } },
    ])
    expect(result.current.combined).toMatchObject({
      mode: 'union',
      total: 2,
      perSource: [{ name: 'Pasted IDs', uniqueIds: 2, removed: 0 }],
      sentence: '2 IDs from Pasted IDs.',
    })
    expect(result.current.announcement?.text).toBe('Pasted IDs read: 2 unique IDs kept.')
    unmount()
  })

  it('hands out the same sources and actions while nothing about them changes', async () => {
    const { result, rerender, unmount } = await twoOverlappingSources()
    const before = result.current
    // A render of the page for another reason (the confirmation opening) must not look like news
    // to the page's memoised parts: at 10M IDs those renders were long main-thread tasks.
    rerender()
    expect(result.current).toBe(before)
    act(() => result.current.setMode('intersection'))
    await waitFor(() => expect(result.current.combined?.total).toBe(2))
    expect(result.current).not.toBe(before)
    unmount()
  })

  it('reads dropped files as sources of their own and counts the IDs they share once', async () => {
    const { result, unmount } = renderIdSources()

    act(() =>
      result.current.addFiles([
        file('members.csv', 'user_id\n1001\n1002\n1003\n1002\n'),
        file('renewals.csv', 'Name,Account ID\nAnn,1003\nBo,1004\n'),
      ]),
    )

    expect(result.current.sources).toMatchObject([
      { status: 'reading', name: 'members.csv' },
      { status: 'reading', name: 'renewals.csv' },
    ])
    await settled(result)
    // The two files are read at once, so either may finish first.
    expect(result.current.sources.map((source) => source.status)).toEqual(['ready', 'ready'])
    expect(result.current.combined?.perSource.map((source) => source.uniqueIds).sort()).toEqual([
      2, 3,
    ])
    expect(result.current.combined).toMatchObject({ total: 4, removedAcrossSources: 1 })
    unmount()
  })

  it('reads a file again from the ID column the marketer chooses', async () => {
    const { result, unmount } = renderIdSources()
    act(() =>
      result.current.addFiles([file('renewals.csv', 'Name,Account ID\nAnn,0012\nBo,0034\n')]),
    )
    await settled(result)
    const [source] = result.current.sources

    act(() => result.current.chooseIdColumn(source?.sourceId ?? '', 0))

    await waitFor(() =>
      expect(result.current.sources).toMatchObject([{ status: 'ready', summary: { idColumn: 0 } }]),
    )
    expect((await result.current.preview.getPage(0, 10)).ids).toEqual(['Ann', 'Bo'])
    unmount()
  })

  it('combines two sources by union, intersection or subtraction', async () => {
    const { result, unmount } = await twoOverlappingSources()

    expect(result.current.combined).toMatchObject({
      mode: 'union',
      total: 4,
      removedAcrossSources: 2,
      sentence: '4 IDs from 2 sources; 2 IDs appeared in more than one source and are sent once.',
    })
    expect(counts(result)).toEqual([
      { name: 'Pasted IDs', uniqueIds: 3, removed: 0 },
      { name: 'Renewals', uniqueIds: 3, removed: 2 },
    ])

    act(() => result.current.setMode('intersection'))
    expect(result.current.mode).toBe('intersection')
    await waitFor(() => expect(result.current.combined?.mode).toBe('intersection'))
    expect(result.current.combined).toMatchObject({
      total: 2,
      sentence: '2 IDs appear in every source (Pasted IDs, Renewals).',
    })
    expect(counts(result)).toEqual([
      { name: 'Pasted IDs', uniqueIds: 3, removed: 1 },
      { name: 'Renewals', uniqueIds: 3, removed: 1 },
    ])
    expect((await result.current.preview.getPage(0, 10)).ids).toEqual(['2', '3'])

    act(() => result.current.setMode('subtract'))
    await waitFor(() => expect(result.current.combined?.mode).toBe('subtract'))
    expect(result.current.combined).toMatchObject({
      total: 1,
      sentence: '1 ID of Pasted IDs remains after removing the 2 also in Renewals.',
    })
    expect((await result.current.preview.getPage(0, 10)).ids).toEqual(['1'])
    unmount()
  })

  it('drops a removed source from the list and from the combined count', async () => {
    const { result, unmount } = await twoOverlappingSources()
    const [pasted] = result.current.sources

    act(() => result.current.remove(pasted?.sourceId ?? ''))

    expect(result.current.sources).toMatchObject([{ name: 'Renewals' }])
    await waitFor(() => expect(result.current.combined?.total).toBe(3))
    expect(result.current.combined).toMatchObject({
      perSource: [{ name: 'Renewals', uniqueIds: 3, removed: 0 }],
      sentence: '3 IDs from Renewals.',
    })
    unmount()
  })

  it('starts again from nothing when cleared', async () => {
    const { result, unmount } = await twoOverlappingSources()

    act(() => result.current.clear())

    expect(result.current.sources).toEqual([])
    await waitFor(() => expect(result.current.combined).toBeNull())
    expect((await result.current.preview.getPage(0, 10)).ids).toEqual([])
    unmount()
  })

  it('forgets a file whose reading the marketer stops, and says so', async () => {
    const { result, unmount } = renderIdSources()
    act(() => result.current.addPastedText('1\n2'))
    await settled(result)
    const ids = Array.from({ length: 2_000_000 }, (_, i) => String(10_000_000 + i)).join('\n')

    act(() => result.current.addFiles([file('big.csv', `id\n${ids}`)]))
    const reading = result.current.sources[1]
    act(() => result.current.cancel(reading?.sourceId ?? ''))

    // The cancel waits for the worker's next pause in a 2M-row read: slow on a loaded machine.
    await waitFor(() => expect(result.current.sources).toHaveLength(1))
    expect(result.current.announcement?.text).toBe('Reading big.csv was cancelled.')
    await settled(result)
    expect(result.current.combined).toMatchObject({ total: 2, perSource: [{ name: 'Pasted IDs' }] })
    unmount()
  })

  it('forgets a file whose Cancel was pressed as the worker finished reading it', async () => {
    // The worker has read the file, and its answer is still on the way when Cancel is pressed.
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    let workerDone = () => {}
    const read = new Promise<void>((resolve) => (workerDone = resolve))
    class LateWorkspace extends SegmentWorkspace {
      override async addFile(...args: Parameters<SegmentWorkspace['addFile']>) {
        const added = await super.addFile(...args)
        workerDone()
        await answered
        return added
      }
    }
    const { result, unmount } = renderHook(() => useIdSources(channelWorker(new LateWorkspace())))
    act(() => result.current.addPastedText('1\n2'))
    await settled(result)

    act(() => result.current.addFiles([file('late.csv', 'id\n3\n4')]))
    const reading = result.current.sources[1]
    await read
    act(() => result.current.cancel(reading?.sourceId ?? ''))
    answer()

    await waitFor(() => expect(result.current.sources).toHaveLength(1))
    expect(result.current.announcement?.text).toBe('Reading late.csv was cancelled.')
    await settled(result)
    expect(result.current.combined).toMatchObject({ total: 2, perSource: [{ name: 'Pasted IDs' }] })
    expect((await result.current.preview.getPage(0, 10)).ids).toEqual(['1', '2'])
    unmount()
  })

  it('keeps empty pasted text as a failed source with a sentence, and announces it', async () => {
    const { result, unmount } = renderIdSources()

    act(() => result.current.addPastedText('  \n '))

    await waitFor(() => expect(result.current.sources).toMatchObject([{ status: 'failed' }]))
    expect(result.current.sources).toEqual([
      expect.objectContaining({ name: 'Pasted IDs', sentence: 'Pasted IDs is empty.' }),
    ])
    expect(result.current.announcement?.text).toBe(
      'Pasted IDs could not be read. Pasted IDs is empty.',
    )
    expect(result.current.busy).toBe(false)
    expect(result.current.combined).toBeNull()
    unmount()
  })

  it('says a damaged workbook could not be read, keeping the sources already read', async () => {
    const { result, unmount } = renderIdSources()
    act(() => result.current.addPastedText('1\n2'))
    await settled(result)
    const workbook = new Uint8Array([
      ...[0x50, 0x4b, 0x03, 0x04],
      ...new TextEncoder().encode('xl/workbook.xml'),
    ])

    act(() => result.current.addFiles([file('report.xlsx', workbook)]))

    await waitFor(() => expect(result.current.sources[1]).toMatchObject({ status: 'failed' }))
    const failed = result.current.sources[1]
    expect(failed?.name).toBe('report.xlsx')
    expect(failed?.status === 'failed' && failed.sentence).toMatch(
      / is an incomplete or damaged workbook \(part of it is missing, as when a download is cut short\)\. Download or save it again, then drop it here\.$/,
    )
    expect(result.current.announcement?.text).toMatch(
      /^report\.xlsx could not be read\. .* is an incomplete or damaged workbook/,
    )
    await settled(result)
    expect(result.current.combined).toMatchObject({
      total: 2,
      perSource: [{ name: 'Pasted IDs', uniqueIds: 2 }],
    })
    unmount()
  })

  it('keeps an empty file as a failed source', async () => {
    const { result, unmount } = renderIdSources()

    act(() => result.current.addFiles([file('empty.csv', '')]))

    await waitFor(() =>
      expect(result.current.sources).toMatchObject([{ status: 'failed', name: 'empty.csv' }]),
    )
    expect(result.current.announcement?.text).toMatch(
      /^empty\.csv could not be read\. .* is empty\.$/,
    )
    expect(result.current.combined).toBeNull()
    unmount()
  })

  it("reads next week's file from the ID column chosen for this week's, and says so", async () => {
    const { result, unmount } = renderIdSources()
    act(() => result.current.addFiles([file('week-1.csv', 'Name,Account ID\nAnn,0012\n')]))
    await settled(result)

    act(() => result.current.chooseIdColumn(result.current.sources[0]?.sourceId ?? '', 0))
    await waitFor(() =>
      expect(result.current.sources).toMatchObject([{ status: 'ready', summary: { idColumn: 0 } }]),
    )
    expect(segmentReadings.recall(headerSignature(['Name', 'Account ID']))).toEqual({
      idColumn: 0,
    })

    act(() => result.current.addFiles([file('week-2.csv', 'Name,Account ID\nBo,0034\n')]))
    await settled(result)
    expect(result.current.sources[1]).toMatchObject({
      status: 'ready',
      summary: { idColumn: 0, idColumnChoice: 'remembered' },
    })
    unmount()
  })

  it('restores a kept list, and says when it holds fewer IDs than the history recorded', async () => {
    const { result, unmount } = renderIdSources()

    act(() => result.current.addKeptList('vip as uploaded', '["0012","12"]', 3))

    await settled(result)
    expect(result.current.sources).toMatchObject([
      {
        status: 'ready',
        name: 'vip as uploaded',
        summary: {
          uniqueIds: 2,
          warnings: [
            'The team history recorded 3 IDs for this upload, but its kept list holds 2 IDs. Check the list before sending it.',
          ],
        },
      },
    ])
    expect((await result.current.preview.getPage(0, 10)).ids).toEqual(['0012', '12'])
    unmount()
  })

  it('saves the final list and the rows of one kind of change as files', async () => {
    const { result, unmount } = await twoOverlappingSources()
    const [pasted] = result.current.sources

    await act(() => result.current.downloadIds('vip-ids.txt'))
    await act(() => result.current.downloadAffectedRows(pasted?.sourceId ?? '', 'duplicate'))

    const [[ids, idsName], [rows, rowsName]] = vi.mocked(downloadBlob).mock.calls as [
      [Blob, string],
      [Blob, string],
    ]
    expect(idsName).toBe('vip-ids.txt')
    expect(await ids.text()).toBe('1\n2\n3\n4\n')
    expect(rowsName).toBe('Pasted IDs-duplicate-rows.csv')
    expect(await rows.text()).toBe('file,row,original value,outcome\n')
    unmount()
  })

  it('prepares the request body with the IDs it carries, and compares with an earlier list', async () => {
    const { result, unmount } = await twoOverlappingSources()
    const fields = { title: 'VIPs', tag: 'vip', sourceType: 0 as const, notes: 'renewals' }

    const upload = await result.current.prepareUpload(fields)

    const body = await upload.body.text()
    expect(upload.idCount).toBe(4)
    expect(JSON.parse(body)).toEqual({ ...fields, userIds: ['1', '2', '3', '4'] })
    expect(await result.current.requestBody(fields)).toBe(body)
    expect(await result.current.diffAgainstKept(keptListBytes('["1","9"]'))).toEqual({
      added: 3,
      removed: 1,
      unchanged: 1,
      previousSize: 2,
    })
    unmount()
  })
})
