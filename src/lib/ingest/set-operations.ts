import { IdSet } from './id-set'
import type { CombineMode } from './types'

export interface CombineResult {
  /** The final list, in the order IDs first appear (first source first). */
  ids: readonly string[]
  /** removed[i]: positions in lists[i] of the IDs the operation left out. */
  removed: number[][]
}

/**
 * Combines de-duplicated ID lists. A single list under union is returned as is (no copy).
 * e.g. [["1","2","3"], ["2","4"]] union → ["1","2","3","4"] (removed [[], [0]]);
 *      intersection → ["2"]; subtract → ["1","3"] (removed [[1], []])
 */
export function combineIdLists(
  lists: readonly (readonly string[])[],
  mode: CombineMode,
): CombineResult {
  const [first, ...others] = lists
  if (first === undefined) return { ids: [], removed: [] }
  const removed: number[][] = lists.map(() => [])
  if (mode === 'union') {
    if (others.length === 0) return { ids: first, removed }
    const ids = first.slice()
    const seen = new IdSet()
    for (const id of first) seen.add(id)
    others.forEach((list, index) => {
      const removedHere = removed[index + 1] ?? []
      for (let i = 0; i < list.length; i++) {
        const id = list[i] ?? ''
        if (seen.add(id)) ids.push(id)
        else removedHere.push(i)
      }
    })
    return { ids, removed }
  }
  if (mode === 'subtract') {
    const excluded = new IdSet()
    for (const list of others) for (const id of list) excluded.add(id)
    return { ids: keepWhere(first, (id) => !excluded.has(id), removed[0] ?? []), removed }
  }
  // Intersection: each other list is turned into a Set once, then the first list is filtered.
  const otherSets = others.map(toIdSet)
  const ids = keepWhere(first, (id) => otherSets.every((set) => set.has(id)), removed[0] ?? [])
  if (others.length > 0) {
    const kept = toIdSet(ids)
    others.forEach((list, index) => {
      const removedHere = removed[index + 1] ?? []
      for (let i = 0; i < list.length; i++) if (!kept.has(list[i] ?? '')) removedHere.push(i)
    })
  }
  return { ids, removed }
}

function keepWhere(
  list: readonly string[],
  keep: (id: string) => boolean,
  removed: number[],
): string[] {
  const ids: string[] = []
  for (let i = 0; i < list.length; i++) {
    const id = list[i] ?? ''
    if (keep(id)) ids.push(id)
    else removed.push(i)
  }
  return ids
}

function toIdSet(list: readonly string[]): IdSet {
  const set = new IdSet()
  for (const id of list) set.add(id)
  return set
}
