import { IdList } from '../../../lib/ingest/id-list'
import { IdSet } from '../../../lib/ingest/id-set'
import type { IdPage } from './types'

/** Largest page the page may ask for at once, so no call clones a huge array. */
export const MAX_PAGE_SIZE = 10_000

function clampPage(total: number, offset: number, limit: number): [number, number] {
  const start = Math.max(0, Math.min(Math.floor(offset), total))
  const size = Math.max(0, Math.min(Math.floor(limit), MAX_PAGE_SIZE))
  return [start, Math.min(total, start + size)]
}

/**
 * One page of a list.
 * e.g. pageOf(IdList.from(["a","b","c"]), 1, 5) → { offset: 1, total: 3, ids: ["b","c"] }
 */
export function pageOf(ids: IdList, offset: number, limit: number): IdPage {
  const [start, end] = clampPage(ids.length, offset, limit)
  return { offset: start, total: ids.length, ids: ids.slice(start, end) }
}

/**
 * Positions of the IDs containing `query` (exact, case-sensitive substring: IDs are exact strings).
 * e.g. findMatches(IdList.from(["0012","1200","99"]), "12") → [0, 1]
 */
export function findMatches(ids: IdList, query: string): number[] {
  const matches: number[] = []
  for (let i = 0; i < ids.length; i++) if (ids.at(i).includes(query)) matches.push(i)
  return matches
}

/** e.g. pageOfMatches(IdList.from(["a1","b","a2"]), [0, 2], 1, 10) → ["a2"] */
export function pageOfMatches(
  ids: IdList,
  matches: readonly number[],
  offset: number,
  limit: number,
): string[] {
  const [start, end] = clampPage(matches.length, offset, limit)
  const page: string[] = []
  for (let i = start; i < end; i++) page.push(ids.at(matches[i] ?? 0))
  return page
}

export interface IdListDiff {
  /** In the new list, not in the previous one. */
  added: number
  /** In the previous list, not in the new one (a segment replace drops them). */
  removed: number
  unchanged: number
}

/**
 * Counts how a new list differs from a previous one (each treated as a set of exact strings).
 * e.g. diffIdLists(IdList.from(["1","2","3"]), ["2","3","4"]) → { added: 1, removed: 1, unchanged: 2 }
 */
export function diffIdLists(next: IdList, previous: readonly string[]): IdListDiff {
  const before = new IdSet()
  for (const id of previous) before.add(id)
  const counted = new IdSet()
  let unchanged = 0
  for (let i = 0; i < next.length; i++) {
    if (next.addTo(counted, i) && next.isIn(before, i)) unchanged++
  }
  return { added: counted.size - unchanged, removed: before.size - unchanged, unchanged }
}
