import { formatQuantity } from '../../../lib/format'
import type { SplitTableView } from '../worker/rows/segment-split'
import type { CombinedSummary, CombineMode, SourceSummary } from '../worker/types'

/** One source as the page shows it; bytes read so far live in a store of their own. */
export type SourceState =
  | { status: 'reading'; sourceId: string; name: string; totalBytes: number }
  | { status: 'ready'; sourceId: string; name: string; summary: SourceSummary }
  | { status: 'failed'; sourceId: string; name: string; sentence: string }

/** One thing to tell a screen reader user, stamped so the newest of several wins. */
export interface Announcement {
  text: string
  at: number
}

/** The Segments page's sources, how they combine, and what reading them last said. */
export interface IdSourcesState {
  sources: SourceState[]
  mode: CombineMode
  /** The worker's latest answer about the final list; null while there is no source. */
  combined: CombinedSummary | null
  /** The newest list version seen, so an older answer never replaces a newer one. */
  listVersion: number
  /** Set while the sources are combined as this browser remembered for their header rows. */
  recalledCombination: RecalledCombination | null
  announcement: Announcement | null
  /** "One segment per value of…": the worker's latest page of the split table; null: no split. */
  split: SplitTableView | null
  /** Why the worker refused the last change to the split (said beside the table). */
  splitRefusal: string | null
}

/** The combination remembered for these sources' header rows, and the tag it was uploaded to. */
export interface RecalledCombination {
  mode: CombineMode
  firstName: string
  tag?: string
}

export type IdSourcesAction =
  | { type: 'reading'; sourceId: string; name: string; totalBytes: number; at: number }
  | { type: 'read'; source: SourceSummary; combined: CombinedSummary; at: number }
  | { type: 'failed'; sourceId: string; name: string; sentence: string; at: number }
  | { type: 'cancelled'; sourceId: string; name: string; at: number }
  | { type: 'removed'; sourceId: string }
  | { type: 'cleared' }
  | { type: 'modeChosen'; mode: CombineMode }
  | { type: 'combined'; combined: CombinedSummary }
  /** The worker put the sources in a new order (and mode); `recalled` when from the memory. */
  | { type: 'arranged'; combined: CombinedSummary; recalled: boolean; tag?: string }
  /** The worker's answer about the split (null: none); an older version never replaces a newer. */
  | { type: 'split'; split: SplitTableView | null }
  | { type: 'splitRefused'; sentence: string }

export const initialIdSources: IdSourcesState = {
  sources: [],
  mode: 'union',
  combined: null,
  listVersion: 0,
  recalledCombination: null,
  announcement: null,
  split: null,
  splitRefusal: null,
}

/**
 * The worker answers out of order (two files read at once finish in either order), so the list
 * with the higher version wins; no sources means nothing to preview.
 */
function withCombined(state: IdSourcesState, combined: CombinedSummary): IdSourcesState {
  if (combined.version < state.listVersion) return state
  return {
    ...state,
    combined: combined.perSource.length === 0 ? null : combined,
    listVersion: combined.version,
  }
}

function placeSource(sources: readonly SourceState[], next: SourceState): SourceState[] {
  return sources.some((source) => source.sourceId === next.sourceId)
    ? sources.map((source) => (source.sourceId === next.sourceId ? next : source))
    : [...sources, next]
}

const without = (sources: readonly SourceState[], sourceId: string) =>
  sources.filter((source) => source.sourceId !== sourceId)

/** The cards in the worker's order; sources it does not hold (reading, failed) after them. */
function inCombinedOrder(
  sources: readonly SourceState[],
  combined: CombinedSummary,
): SourceState[] {
  const rank = new Map(combined.perSource.map((source, index) => [source.sourceId, index]))
  const last = rank.size
  return [...sources].sort(
    (a, b) => (rank.get(a.sourceId) ?? last) - (rank.get(b.sourceId) ?? last),
  )
}

/**
 * e.g. idSourcesReducer(initialIdSources, { type: 'reading', sourceId: 's1', name: 'fans.csv', totalBytes: 40, at: 0 })
 *   → one source reading, announcement "Reading fans.csv…"
 */
export function idSourcesReducer(state: IdSourcesState, action: IdSourcesAction): IdSourcesState {
  switch (action.type) {
    case 'reading': {
      const { sourceId, name, totalBytes, at } = action
      const isNew = !state.sources.some((source) => source.sourceId === sourceId)
      return {
        ...state,
        sources: placeSource(state.sources, { status: 'reading', sourceId, name, totalBytes }),
        recalledCombination: isNew ? null : state.recalledCombination,
        announcement: { text: `Reading ${name}…`, at },
      }
    }
    case 'read': {
      const { source, at } = action
      // An answer for a card no longer shown (cancelled or cleared meanwhile) is stale.
      if (!state.sources.some((shown) => shown.sourceId === source.sourceId)) return state
      const next = withCombined(state, action.combined)
      return {
        ...next,
        sources: placeSource(state.sources, {
          status: 'ready',
          sourceId: source.sourceId,
          name: source.name,
          summary: source,
        }),
        announcement: {
          text: `${source.name} read: ${formatQuantity(source.uniqueIds, 'unique ID')} kept.`,
          at,
        },
      }
    }
    case 'failed': {
      const { sourceId, name, sentence, at } = action
      return {
        ...state,
        sources: placeSource(state.sources, { status: 'failed', sourceId, name, sentence }),
        announcement: { text: `${name} could not be read. ${sentence}`, at },
      }
    }
    case 'cancelled':
      return {
        ...state,
        sources: without(state.sources, action.sourceId),
        announcement: { text: `Reading ${action.name} was cancelled.`, at: action.at },
      }
    case 'removed':
      return {
        ...state,
        sources: without(state.sources, action.sourceId),
        recalledCombination: null,
        // The worker ends a split with its source.
        split: state.split?.settings.sourceId === action.sourceId ? null : state.split,
      }
    case 'cleared':
      return { ...state, sources: [], recalledCombination: null, split: null }
    case 'modeChosen':
      return { ...state, mode: action.mode, recalledCombination: null }
    case 'combined':
      return withCombined(state, action.combined)
    case 'split': {
      const { split } = action
      if (split !== null && state.split !== null && split.version < state.split.version) {
        return state
      }
      return { ...state, split, splitRefusal: null }
    }
    case 'splitRefused':
      return { ...state, splitRefusal: action.sentence }
    case 'arranged': {
      const { combined, recalled, tag } = action
      const next = withCombined(state, combined)
      const first = combined.perSource[0]
      return {
        ...next,
        mode: combined.mode,
        sources: inCombinedOrder(state.sources, combined),
        recalledCombination:
          recalled && first !== undefined
            ? { mode: combined.mode, firstName: first.name, ...(tag ? { tag } : {}) }
            : null,
      }
    }
  }
}
