import { describe, expect, it } from 'vitest'
import type { SplitTableView } from '../worker/rows/segment-split'
import { idSourcesReducer, initialIdSources, type IdSourcesAction } from './id-sources'

function splitView(version: number, sourceId = 's1', ticked = 2): SplitTableView {
  return {
    settings: { sourceId, column: 'Plan Type', tagPrefix: 'plan', titlePattern: '{value}' },
    version,
    listVersion: 1,
    problem: null,
    total: 2,
    ticked,
    tickedIds: 3,
    offset: 0,
    rows: [],
    tooMany: null,
    leftOut: [],
    leftOutMore: 0,
    blankSentence: null,
    problems: [],
    problemsMore: 0,
    blocking: null,
  }
}

const run = (actions: IdSourcesAction[]) => actions.reduce(idSourcesReducer, initialIdSources)

describe('idSourcesReducer: the split', () => {
  it('keeps the newest table when the worker answers out of order', () => {
    const state = run([
      { type: 'split', split: splitView(3, 's1', 1) },
      { type: 'split', split: splitView(2, 's1', 2) },
    ])
    expect(state.split?.ticked).toBe(1)
  })

  it('says a refusal until the next table, and ends the split with its source or all sources', () => {
    const refused = run([
      { type: 'split', split: splitView(1) },
      { type: 'splitRefused', sentence: 'A tag prefix may contain only letters and digits.' },
    ])
    expect(refused.splitRefusal).toBe('A tag prefix may contain only letters and digits.')
    expect(
      idSourcesReducer(refused, { type: 'split', split: splitView(2) }).splitRefusal,
    ).toBeNull()
    expect(idSourcesReducer(refused, { type: 'removed', sourceId: 's2' }).split).not.toBeNull()
    expect(idSourcesReducer(refused, { type: 'removed', sourceId: 's1' }).split).toBeNull()
    expect(idSourcesReducer(refused, { type: 'cleared' }).split).toBeNull()
    expect(idSourcesReducer(refused, { type: 'split', split: null }).split).toBeNull()
  })
})
