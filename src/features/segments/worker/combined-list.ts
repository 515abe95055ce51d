// The final list: the sources' lists combined by the mode, computed once per change and numbered
// (the page asks for pages of a version), with its search kept while the list stays the same.
import type { IdList } from '../../../lib/ingest/id-list'
import { IngestError } from '../../../lib/ingest/ingest-error'
import { combinedSentence } from './combined-sentence'
import { findMatches, pageOf, pageOfMatches } from './id-list-view'
import { combineIdLists } from './set-operations'
import type { CombinedSummary, CombineMode, IdPage, IdSearchResult, SourceSummary } from './types'

/** What the list is combined from, in order: each source with its list (kept rows' IDs or all). */
export interface CombineInputs {
  sources: readonly { summary: SourceSummary; ids: IdList }[]
  /** Why the list must not be sent, if a source's conditions cannot apply. */
  blocking?: string
}

interface CombinedState {
  summary: CombinedSummary
  ids: IdList
}

/**
 * The combined list of the sources `gather` answers, recomputed after invalidate().
 * e.g. two sources of 3 and 4 IDs, 2 in both, mode 'union' → summary.total 5, removedAcrossSources 2
 */
export class CombinedList {
  private readonly gather: () => CombineInputs
  private currentMode: CombineMode = 'union'
  private combined: CombinedState | null = null
  private version = 0
  private search: { query: string; ids: IdList; matches: number[] } | null = null

  constructor(gather: () => CombineInputs) {
    this.gather = gather
  }

  get mode(): CombineMode {
    return this.currentMode
  }

  /** Combines by `mode` from now on. */
  setMode(mode: CombineMode): void {
    if (mode === this.currentMode) return
    this.currentMode = mode
    this.invalidate()
  }

  /** The sources, their lists or their order changed: the next read combines them again. */
  invalidate(): void {
    this.combined = null
    this.search = null
  }

  summary(): CombinedSummary {
    return this.state().summary
  }

  ids(): IdList {
    return this.state().ids
  }

  /** The list to send; refused, with its sentence, while a source's conditions cannot apply. */
  sendable(): IdList {
    const { summary, ids } = this.state()
    if (summary.blocking !== undefined) throw new IngestError('invalid-request', summary.blocking)
    return ids
  }

  page(offset: number, limit: number): IdPage {
    return pageOf(this.ids(), offset, limit)
  }

  /** IDs containing `query`, page by page; an empty query lists everything. */
  searchIds(query: string, offset: number, limit: number): IdSearchResult {
    const ids = this.ids()
    if (query === '') return { query, matches: ids.length, ...pageOf(ids, offset, limit) }
    if (this.search?.query !== query || this.search.ids !== ids) {
      this.search = { query, ids, matches: findMatches(ids, query) }
    }
    const { matches } = this.search
    return {
      query,
      matches: matches.length,
      offset: Math.max(0, Math.min(offset, matches.length)),
      ids: pageOfMatches(ids, matches, offset, limit),
    }
  }

  private state(): CombinedState {
    if (this.combined !== null) return this.combined
    const { sources, blocking } = this.gather()
    const mode = this.currentMode
    const { ids, removed } = combineIdLists(
      sources.map((source) => source.ids),
      mode,
    )
    const removedAcrossSources = removed.reduce((sum, positions) => sum + positions.length, 0)
    this.version++
    const summary: CombinedSummary = {
      version: this.version,
      mode,
      perSource: sources.map((source, index) => ({
        sourceId: source.summary.sourceId,
        name: source.summary.name,
        uniqueIds: source.ids.length,
        removed: removed[index]?.length ?? 0,
      })),
      total: ids.length,
      removedAcrossSources,
      sentence: combinedSentence(mode, sources, ids.length, removedAcrossSources),
      ...(blocking === undefined ? {} : { blocking }),
    }
    this.combined = { summary, ids }
    return this.combined
  }
}
