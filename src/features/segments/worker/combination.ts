// How the sources are combined: the mode and their order, changed by the marketer or recalled
// from what this browser remembers for their header rows, with what to remember of each change.
import {
  applyRememberedCombination,
  combinationKey,
  combinationMemoryChange,
  type RememberedCombination,
  type SegmentMemoryWrite,
} from '../domain/remembered-reading'
import type { CombinedList } from './combined-list'
import type { SourceList } from './source-list'
import type { Arranged, CombinedSummary, CombineMode, Recalled } from './types'

/** The mode and order of `list`'s sources, applied to `combined`. */
export class Combination {
  private readonly list: SourceList
  private readonly combined: CombinedList

  constructor(list: SourceList, combined: CombinedList) {
    this.list = list
    this.combined = combined
  }

  /** Combines by `mode` from now on, and says what to remember for these sources' header rows. */
  combine(mode: CombineMode): Arranged {
    this.combined.setMode(mode)
    return this.arranged()
  }

  /**
   * Puts the sources in the order of `sourceIds` (any not named keep their place after them) and
   * sets the mode, if given.
   */
  arrange(sourceIds: readonly string[], mode?: CombineMode): CombinedSummary {
    this.list.arrange(sourceIds)
    if (mode !== undefined) this.combined.setMode(mode)
    return this.combined.summary()
  }

  /** Moves a source one place up in the combination (Subtract keeps the first source's IDs). */
  moveUp(sourceId: string): Arranged {
    const order = this.list.entries.map((entry) => entry.summary.sourceId)
    const at = order.indexOf(sourceId)
    const above = order[at - 1]
    if (above === undefined) return { combined: this.combined.summary(), memory: [] }
    order.splice(at - 1, 2, sourceId, above)
    this.arrange(order)
    return this.arranged()
  }

  /** Union, in the order the sources were added, forgetting the combination remembered. */
  restoreAutomatic(): Arranged {
    const key = combinationKey(this.list.combinedSources().map((source) => source.signature))
    const combined = this.arrange(this.list.addedOrder, 'union')
    return {
      combined,
      memory: key === null ? [] : [{ store: 'combinations', signature: key, choice: null }],
    }
  }

  /**
   * Once no source is being read: the combination remembered for these sources' header rows,
   * applied. Null while a reading is under way, when nothing is remembered, or when they are
   * combined that way already and the memory names no segment.
   */
  recall(combinations: ReadonlyMap<string, RememberedCombination>): Recalled | null {
    if (this.list.isReading) return null
    const sources = this.list.combinedSources()
    const key = combinationKey(sources.map((source) => source.signature))
    const remembered = key === null ? undefined : combinations.get(key)
    if (remembered === undefined) return null
    const arrangement = applyRememberedCombination(remembered, this.combined.mode, sources)
    if (arrangement === null && remembered.tag === undefined) return null
    const combined =
      arrangement === null
        ? this.combined.summary()
        : this.arrange(arrangement.order, arrangement.mode)
    return remembered.tag === undefined ? { combined } : { combined, tag: remembered.tag }
  }

  /** What to remember once these sources, combined as now, were uploaded to `tag`. */
  rememberUploadTag(tag: string): SegmentMemoryWrite[] {
    const change = combinationMemoryChange(this.combined.mode, this.list.combinedSources(), tag)
    return change?.choice
      ? [{ store: 'combinations', signature: change.key, choice: change.choice }]
      : []
  }

  /** The list as combined now, and what to remember of the combination (Union in added order forgets). */
  private arranged(): Arranged {
    const combined = this.combined.summary()
    const change = combinationMemoryChange(this.combined.mode, this.list.combinedSources())
    return {
      combined,
      memory: change
        ? [{ store: 'combinations', signature: change.key, choice: change.choice }]
        : [],
    }
  }
}
