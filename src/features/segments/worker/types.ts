// What the segments worker and the page say to each other.
import type { ParsedSummary } from '../../../lib/ingest/types'
import type { SegmentMemoryWrite } from '../domain/remembered-reading'

export interface SourceSummary extends ParsedSummary {
  sourceId: string
  /** Hex SHA-256 of the bytes (UTF-8 bytes for pasted text); null when the file is over 512 MB. */
  sha256: string | null
}

/** `union`: every ID in any source; `intersection`: IDs in every source; `subtract`: first source minus the others. */
export type CombineMode = 'union' | 'intersection' | 'subtract'

export interface CombinedSourceCount {
  sourceId: string
  name: string
  uniqueIds: number
  /** IDs of this source the operation left out of the result (see `CombinedSummary.removedAcrossSources`). */
  removed: number
}

export interface CombinedSummary {
  /** Changes whenever the final list changes: what caches of its pages and diffs are keyed by. */
  version: number
  mode: CombineMode
  perSource: CombinedSourceCount[]
  /** IDs in the final list. */
  total: number
  /**
   * IDs the operation dropped, summed over sources: union — repeats of an ID already taken from an
   * earlier source; intersection — IDs missing from at least one other source; subtract — IDs of
   * the first source that another source also has.
   */
  removedAcrossSources: number
  sentence: string
  /** Why this list must not be sent (a source's conditions cannot apply); absent when it can. */
  blocking?: string
}

/** What adding or re-reading a source tells the page, in one answer. */
export interface SourceAdded {
  source: SourceSummary
  combined: CombinedSummary
}

/** A source read again with another choice, and what the browser should remember of the choice. */
export interface SourceRead extends SourceAdded {
  memory: SegmentMemoryWrite[]
}

/** The sources put in another order or mode, and what the browser should remember of it. */
export interface Arranged {
  combined: CombinedSummary
  memory: SegmentMemoryWrite[]
}

/** Last time's combination brought back; `tag` is the segment these sources fed then. */
export interface Recalled {
  combined: CombinedSummary
  tag?: string
}

/** Everything the page shows about the sources the worker holds, in one read. */
export interface WorkspaceState {
  combined: CombinedSummary
  /** The sources read, in the order they are combined. */
  sources: SourceSummary[]
}

export interface IngestProgress {
  sourceId: string
  name: string
  bytesRead: number
  totalBytes: number
}

export type ProgressCallback = (progress: IngestProgress) => void

export interface IdPage {
  offset: number
  total: number
  ids: string[]
}

export interface IdSearchResult {
  query: string
  /** How many IDs contain the query. */
  matches: number
  offset: number
  ids: string[]
}

/**
 * A request body and how many IDs it carries, captured together when the marketer asks to upload.
 * The body is a Blob so the page can send and measure it without touching its bytes.
 */
export interface PreparedUpload {
  body: Blob
  idCount: number
}

export type IdListFormat = 'txt' | 'csv'

export interface SplitSettings {
  sourceId: string // the source card whose column splits
  column: string // header name of the split column
  tagPrefix: string // e.g. 'plan' → 'planFullSeason'
  titlePattern: string // e.g. 'Plan: {value}'  (VALUE_PLACEHOLDER from domain/rows/tag-rule.ts)
}
export interface PreparedSegment {
  value: string // the split value (display as text)
  tag: string
  title: string
  idCount: number
  body: Blob // the exact POST /api/v1/segments JSON body, built in the worker like prepareUpload
}
export interface PreparedBatch {
  segments: PreparedSegment[] // only the ticked segments, in table order
}
