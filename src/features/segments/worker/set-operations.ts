import { IdList } from '../../../lib/ingest/id-list'
import { IdSet } from '../../../lib/ingest/id-set'
import type { CombineMode } from './types'

export interface CombineResult {
  /** The final list, in the order IDs first appear (first source first). */
  ids: IdList
  /** removed[i]: positions in lists[i] of the IDs the operation left out. */
  removed: number[][]
}

/**
 * Combines de-duplicated ID lists. A single list under union is returned as is (no copy).
 * e.g. [["1","2","3"], ["2","4"]] union → ["1","2","3","4"] (removed [[], [0]]);
 *      intersection → ["2"]; subtract → ["1","3"] (removed [[1], []])
 */
export function combineIdLists(lists: readonly IdList[], mode: CombineMode): CombineResult {
  const [first, ...others] = lists
  if (first === undefined) return { ids: new IdList(), removed: [] }
  const removed: number[][] = lists.map(() => [])
  if (mode === 'union') {
    if (others.length === 0) return { ids: first, removed }
    const ids = new IdList()
    const seen = new IdSet()
    lists.forEach((list, index) => {
      const removedHere = removed[index] ?? []
      for (let i = 0; i < list.length; i++) {
        if (list.addTo(seen, i)) ids.pushFrom(list, i)
        else removedHere.push(i)
      }
    })
    return { ids, removed }
  }
  if (mode === 'subtract') {
    const excluded = new IdSet()
    for (const list of others) for (let i = 0; i < list.length; i++) list.addTo(excluded, i)
    return {
      ids: keepWhere(first, (i) => !first.isIn(excluded, i), removed[0] ?? []),
      removed,
    }
  }
  // Intersection: each other list is turned into a set once, then the first list is filtered.
  const otherSets = others.map(toIdSet)
  const ids = keepWhere(
    first,
    (i) => otherSets.every((set) => first.isIn(set, i)),
    removed[0] ?? [],
  )
  if (others.length > 0) {
    const kept = toIdSet(ids)
    others.forEach((list, index) => {
      const removedHere = removed[index + 1] ?? []
      for (let i = 0; i < list.length; i++) if (!list.isIn(kept, i)) removedHere.push(i)
    })
  }
  return { ids, removed }
}

function keepWhere(list: IdList, keep: (index: number) => boolean, removed: number[]): IdList {
  const ids = new IdList()
  for (let i = 0; i < list.length; i++) {
    if (keep(i)) ids.pushFrom(list, i)
    else removed.push(i)
  }
  return ids
}

function toIdSet(list: IdList): IdSet {
  const set = new IdSet()
  for (let i = 0; i < list.length; i++) list.addTo(set, i)
  return set
}
