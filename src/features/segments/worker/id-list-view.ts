import { IdList } from '../../../lib/ingest/id-list'
import { IdSet } from '../../../lib/ingest/id-set'
import { IdArrayScanner } from './kept-list-scanner'
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

/** How a new list differs from a kept one, and how many items the kept one held. */
export interface KeptListDiff extends IdListDiff {
  previousSize: number
}

/**
 * Counts how a new list differs from a kept one, given as the bytes of the JSON array the team
 * history answers (each list treated as a set of exact strings); throws NOT_A_KEPT_LIST when the
 * bytes are not such an array.
 * e.g. diffIdLists(IdList.from(["1","2","3"]), bytes of '["2","3","4"]') → { added: 1, removed: 1, unchanged: 2, previousSize: 3 }
 */
export function diffIdLists(next: IdList, kept: Uint8Array): KeptListDiff {
  const after = new IdSet()
  after.reserve(next.length)
  for (let i = 0; i < next.length; i++) next.addTo(after, i)
  const before = new IdSet()
  // Two versions of a segment are usually of a size; every item takes 3 bytes at least ('"",').
  before.reserve(Math.min(next.length, Math.ceil(kept.length / 3)))
  let unchanged = 0
  const scanner = new IdArrayScanner((id, key) => {
    if (before.addWithKey(id, key) && after.hasWithKey(id, key)) unchanged++
  })
  scanner.push(kept)
  const previousSize = scanner.end()
  return {
    added: after.size - unchanged,
    removed: before.size - unchanged,
    unchanged,
    previousSize,
  }
}
