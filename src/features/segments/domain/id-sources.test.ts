import { describe, expect, it } from 'vitest'
import { aSourceSummary } from '../testing/source-summary-builder'
import type { CombinedSourceCount, CombinedSummary, SourceSummary } from '../worker/types'
import {
  idSourcesReducer,
  initialIdSources,
  type IdSourcesAction,
  type IdSourcesState,
} from './id-sources'

function summary(sourceId: string, name: string, uniqueIds: number): SourceSummary {
  return aSourceSummary({ sourceId, name, sizeBytes: 40, rowsRead: uniqueIds, uniqueIds })
}

/** The worker's answer about the final list: a union of the sources given, at `version`. */
function combined(version: number, perSource: CombinedSourceCount[]): CombinedSummary {
  const total = perSource.reduce((sum, source) => sum + source.uniqueIds - source.removed, 0)
  return {
    version,
    mode: 'union',
    perSource,
    total,
    removedAcrossSources: 0,
    sentence: `${total} IDs`,
  }
}

const count = (sourceId: string, name: string, uniqueIds: number): CombinedSourceCount => ({
  sourceId,
  name,
  uniqueIds,
  removed: 0,
})

const run = (actions: IdSourcesAction[], from: IdSourcesState = initialIdSources) =>
  actions.reduce(idSourcesReducer, from)

const reading = (sourceId: string, name: string, at = 1): IdSourcesAction => ({
  type: 'reading',
  sourceId,
  name,
  totalBytes: 40,
  at,
})

const read = (
  sourceId: string,
  name: string,
  uniqueIds: number,
  answer: CombinedSummary,
  at = 2,
): IdSourcesAction => ({
  type: 'read',
  source: summary(sourceId, name, uniqueIds),
  combined: answer,
  at,
})

/** fans.csv (3 IDs) and vip.csv (1 ID), both read; the worker's answer is at version 2. */
const twoSources = run([
  reading('s1', 'fans.csv'),
  read('s1', 'fans.csv', 3, combined(1, [count('s1', 'fans.csv', 3)])),
  reading('s2', 'vip.csv'),
  read('s2', 'vip.csv', 1, combined(2, [count('s1', 'fans.csv', 3), count('s2', 'vip.csv', 1)])),
])

describe('idSourcesReducer', () => {
  it('shows a source being read and announces it', () => {
    const state = run([reading('s1', 'fans.csv', 100)])

    expect(state.sources).toEqual([
      { status: 'reading', sourceId: 's1', name: 'fans.csv', totalBytes: 40 },
    ])
    expect(state.announcement).toEqual({ text: 'Reading fans.csv…', at: 100 })
    expect(state.combined).toBeNull()
  })

  it('turns a source read into its summary and the combined list, saying how many IDs it kept', () => {
    const answer = combined(1, [count('s1', 'fans.csv', 3)])
    const state = run([reading('s1', 'fans.csv', 100), read('s1', 'fans.csv', 3, answer, 250)])

    expect(state.sources).toEqual([
      { status: 'ready', sourceId: 's1', name: 'fans.csv', summary: summary('s1', 'fans.csv', 3) },
    ])
    expect(state.combined).toEqual(answer)
    expect(state.announcement).toEqual({ text: 'fans.csv read: 3 unique IDs kept.', at: 250 })
  })

  it('says "1 unique ID" for a source with a single ID', () => {
    const state = run([
      reading('s1', 'one.csv'),
      read('s1', 'one.csv', 1, combined(1, [count('s1', 'one.csv', 1)])),
    ])

    expect(state.announcement?.text).toBe('one.csv read: 1 unique ID kept.')
  })

  it('keeps a source read again in its place in the list', () => {
    const state = run([reading('s1', 'fans.csv', 300)], twoSources)

    expect(state.sources.map((source) => [source.sourceId, source.status])).toEqual([
      ['s1', 'reading'],
      ['s2', 'ready'],
    ])
  })

  it('keeps a source that failed, with the sentence saying why, and announces it', () => {
    const state = run([
      reading('s1', 'report.xlsx'),
      {
        type: 'failed',
        sourceId: 's1',
        name: 'report.xlsx',
        sentence: 'report.xlsx is an Excel workbook, not a CSV file.',
        at: 400,
      },
    ])

    expect(state.sources).toEqual([
      {
        status: 'failed',
        sourceId: 's1',
        name: 'report.xlsx',
        sentence: 'report.xlsx is an Excel workbook, not a CSV file.',
      },
    ])
    expect(state.announcement).toEqual({
      text: 'report.xlsx could not be read. report.xlsx is an Excel workbook, not a CSV file.',
      at: 400,
    })
  })

  it('drops a source whose reading was cancelled, and says so', () => {
    const state = run(
      [reading('s3', 'big.csv'), { type: 'cancelled', sourceId: 's3', name: 'big.csv', at: 500 }],
      twoSources,
    )

    expect(state.sources.map((source) => source.sourceId)).toEqual(['s1', 's2'])
    expect(state.announcement).toEqual({ text: 'Reading big.csv was cancelled.', at: 500 })
  })

  it('ignores the answer of a reading whose card was cancelled or cleared meanwhile', () => {
    const cancelled = run(
      [reading('s3', 'late.csv'), { type: 'cancelled', sourceId: 's3', name: 'late.csv', at: 500 }],
      twoSources,
    )
    const answer = combined(3, [count('s1', 'fans.csv', 3), count('s3', 'late.csv', 2)])

    const state = run([read('s3', 'late.csv', 2, answer, 600)], cancelled)

    expect(state).toBe(cancelled)
  })

  it('drops a removed source at once, keeping the combined list until the worker answers', () => {
    const state = run([{ type: 'removed', sourceId: 's1' }], twoSources)

    expect(state.sources.map((source) => source.sourceId)).toEqual(['s2'])
    expect(state.combined?.version).toBe(2)
    expect(state.announcement?.text).toBe('vip.csv read: 1 unique ID kept.')
  })

  it('empties the list when cleared, and forgets the combined list once the worker answers', () => {
    const cleared = run([{ type: 'cleared' }], twoSources)
    expect(cleared.sources).toEqual([])

    const answered = run([{ type: 'combined', combined: combined(3, []) }], cleared)
    expect(answered.combined).toBeNull()
  })

  it('records the chosen mode, and takes the worker’s answer for it', () => {
    const chosen = run([{ type: 'modeChosen', mode: 'intersection' }], twoSources)
    expect(chosen.mode).toBe('intersection')
    expect(chosen.combined?.version).toBe(2)

    const answer: CombinedSummary = {
      ...combined(3, [
        { ...count('s1', 'fans.csv', 3), removed: 2 },
        { ...count('s2', 'vip.csv', 1), removed: 0 },
      ]),
      mode: 'intersection',
      total: 1,
    }
    expect(run([{ type: 'combined', combined: answer }], chosen).combined).toEqual(answer)
  })

  it('never lets an older answer replace a newer one', () => {
    const newer = combined(5, [count('s1', 'fans.csv', 3), count('s2', 'vip.csv', 1)])
    const older = combined(4, [count('s1', 'fans.csv', 3)])
    const state = run([{ type: 'combined', combined: newer }], twoSources)

    expect(run([{ type: 'combined', combined: older }], state).combined).toBe(newer)
  })

  it('remembers the newest version even when that list is empty', () => {
    const emptied = run([{ type: 'combined', combined: combined(6, []) }], twoSources)
    expect(emptied.combined).toBeNull()
    const stale = combined(5, [count('s1', 'fans.csv', 3)])
    expect(run([{ type: 'combined', combined: stale }], emptied).combined).toBeNull()
  })

  it('keeps the newer list when a slower read answers with an older one, but still shows the source', () => {
    // Two files read at once: b.csv finished last in the worker, but its answer arrives first.
    const newer = combined(2, [count('a', 'a.csv', 3), count('b', 'b.csv', 2)])
    const older = combined(1, [count('a', 'a.csv', 3)])
    const state = run([
      reading('a', 'a.csv'),
      reading('b', 'b.csv'),
      read('b', 'b.csv', 2, newer),
      read('a', 'a.csv', 3, older),
    ])

    expect(state.combined).toBe(newer)
    expect(state.sources.map((source) => [source.sourceId, source.status])).toEqual([
      ['a', 'ready'],
      ['b', 'ready'],
    ])
    expect(state.announcement?.text).toBe('a.csv read: 3 unique IDs kept.')
  })

  it('shows no combined list when the answer has no sources', () => {
    const failedAlone = run([
      reading('s1', 'empty.csv'),
      { type: 'failed', sourceId: 's1', name: 'empty.csv', sentence: 'empty.csv is empty.', at: 3 },
      { type: 'combined', combined: combined(1, []) },
    ])

    expect(failedAlone.combined).toBeNull()
    expect(failedAlone.sources.map((source) => source.status)).toEqual(['failed'])
  })
})
