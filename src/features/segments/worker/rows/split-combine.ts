// The other sources apply to every segment of a split as the combine mode says: each segment
// takes the split source's place in the combination (an opt-out list subtracted from each).
import { IdList } from '../../../../lib/ingest/id-list'
import { IdSet } from '../../../../lib/ingest/id-set'
import { combineIdLists } from '../set-operations'
import type { CombineMode } from '../types'

/** The sources combined, with the split source's place. */
export interface SplitCombination {
  /** Every source's list in combination order; the one at `at` is replaced by each segment. */
  lists: readonly IdList[]
  at: number
  mode: CombineMode
}

/**
 * Each segment's final list: the combination with the segment in the split source's place.
 * Subtracting from the split source (the usual opt-out case) builds the removed IDs' set once,
 * not once per segment.
 * e.g. segments [["1","2"], ["3"]], lists [split, ["2"]], subtract → [["1"], ["3"]]
 */
export function combineEachSegment(
  segments: readonly IdList[],
  { lists, at, mode }: SplitCombination,
): IdList[] {
  if (lists.length === 1) return [...segments]
  if (mode === 'subtract' && at === 0) {
    const excluded = new IdSet()
    for (const list of lists.slice(1)) for (let i = 0; i < list.length; i++) list.addTo(excluded, i)
    return segments.map((segment) => {
      const kept = new IdList()
      for (let i = 0; i < segment.length; i++) {
        if (!segment.isIn(excluded, i)) kept.pushFrom(segment, i)
      }
      return kept
    })
  }
  return segments.map(
    (segment) =>
      combineIdLists(
        lists.map((list, index) => (index === at ? segment : list)),
        mode,
      ).ids,
  )
}
