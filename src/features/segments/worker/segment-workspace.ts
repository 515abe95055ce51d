import { formatCount, formatQuantity } from '../../../lib/format'
import { AffectedRowsCsv, type IssueRecords } from '../../../lib/ingest/affected-rows'
import type { IdList } from '../../../lib/ingest/id-list'
import { cancelledError, IngestError } from '../../../lib/ingest/ingest-error'
import { issueOutcome, type IssueContext } from '../../../lib/ingest/issue-report'
import {
  parseDroppedSource,
  type ParseDroppedSourceOptions,
} from '../../../lib/ingest/parse-dropped-source'
import type { ParsedSource } from '../../../lib/ingest/parse-source'
import type { IssueKind } from '../../../lib/ingest/types'
import type { SegmentFields } from '../api/replace-segment'
import { idListBlob } from './id-list-export'
import { diffIdLists, findMatches, pageOf, pageOfMatches, type IdListDiff } from './id-list-view'

/** How the final list differs from an earlier one, and how many IDs that one had. */
export interface PreviousListDiff extends IdListDiff {
  previousSize: number
}
import { buildSegmentRequestBlob, buildSegmentRequestBody } from './segment-request-body'
import { combineIdLists } from './set-operations'
import type {
  AddSourceOptions,
  CombinedSummary,
  CombineMode,
  IdListFormat,
  IdPage,
  IdSearchResult,
  PreparedUpload,
  ProgressCallback,
  SourceAdded,
  SourceSummary,
} from './types'

/** crypto.subtle.digest needs the whole file in memory; above this we skip the fingerprint. */
export const MAX_SHA256_BYTES = 512 * 1024 * 1024
/**
 * Up to this size the fingerprint is computed while the file is parsed (the digest runs off the
 * worker's thread), hiding its time from the preview; larger files hash afterwards, so their
 * bytes are not held in memory during the parse's peak.
 */
const CONCURRENT_SHA256_BYTES = 64 * 1024 * 1024

interface SourceEntry {
  summary: SourceSummary
  /** Kept to read the source again (another ID column, or a full affected-rows download). */
  input: Blob | string
  ids: IdList
  rows: number[]
  records: IssueRecords
  context: IssueContext
}

interface CombinedState {
  summary: CombinedSummary
  ids: IdList
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function combinedSentence(
  mode: CombineMode,
  sources: readonly SourceEntry[],
  total: number,
  removed: number,
): string {
  const [first, ...others] = sources
  if (first === undefined) return 'Add a file or paste IDs to build the list.'
  const ids = (count: number) => formatQuantity(count, 'ID')
  const firstName = first.summary.name
  const otherNames = others.map((entry) => entry.summary.name).join(', ')
  if (mode === 'union') {
    if (others.length === 0) return `${ids(total)} from ${firstName}.`
    const repeats =
      removed === 0
        ? 'no ID appears in more than one source'
        : `${ids(removed)} appeared in more than one source and ${removed === 1 ? 'is' : 'are'} sent once`
    return `${ids(total)} from ${formatCount(sources.length)} sources; ${repeats}.`
  }
  if (others.length === 0) {
    const verb = mode === 'intersection' ? 'keep the IDs found in every source' : 'remove IDs'
    return `${ids(total)} from ${firstName}. Add another source to ${verb}.`
  }
  if (mode === 'intersection') {
    return `${ids(total)} ${total === 1 ? 'appears' : 'appear'} in every source (${firstName}, ${otherNames}).`
  }
  return `${ids(total)} of ${firstName} ${total === 1 ? 'remains' : 'remain'} after removing the ${formatCount(removed)} also in ${otherNames}.`
}

/**
 * Everything the Segments page reads and combines, living inside the worker: the sources with their
 * unique IDs, and the combined list the page sees only page by page. Plain TypeScript, so it is
 * tested in Node; segment-worker.ts serves one instance to the page.
 */
export class SegmentWorkspace {
  private readonly storedRecordsPerKind: number | undefined
  private sources: SourceEntry[] = []
  /**
   * Source IDs in the order the page added them (or arranged them): the sources are combined in
   * this order, not in the order their readings happen to finish, since Subtract takes the first.
   */
  private order: string[] = []
  private readonly reading = new Map<string, AbortController>()
  private mode: CombineMode = 'union'
  private combined: CombinedState | null = null
  private version = 0
  private search: { query: string; ids: IdList; matches: number[] } | null = null

  /** storedRecordsPerKind: affected rows kept in memory per kind (tests make it small). */
  constructor(options: { storedRecordsPerKind?: number } = {}) {
    this.storedRecordsPerKind = options.storedRecordsPerKind
  }

  /**
   * Reads a file (CSV, TSV, TXT, or a workbook: .xlsx, .xlsm, .xls, .ods, told apart by content)
   * as source `sourceId`; an existing source with that id is replaced in place (how the page
   * re-reads a file with another ID column or sheet).
   */
  async addFile(
    sourceId: string,
    file: File,
    options: AddSourceOptions = {},
    onProgress?: ProgressCallback,
  ): Promise<SourceAdded> {
    return this.read(sourceId, file.name, 'file', file, options, onProgress)
  }

  /** Reads pasted text (IDs separated by line breaks, commas, semicolons, tabs or spaces). */
  async addText(
    sourceId: string,
    name: string,
    text: string,
    options: AddSourceOptions = {},
    onProgress?: ProgressCallback,
  ): Promise<SourceAdded> {
    return this.read(sourceId, name, 'paste', text, options, onProgress)
  }

  /** Stops the reading of one source, or of all; the pending add rejects with code 'cancelled'. */
  cancel(sourceId?: string): void {
    for (const [id, controller] of this.reading) {
      if (sourceId === undefined || id === sourceId) controller.abort()
    }
  }

  /** Drops a source (stopping its reading) and returns the list without it. */
  removeSource(sourceId: string): CombinedSummary {
    this.cancel(sourceId)
    const before = this.sources.length
    this.order = this.order.filter((id) => id !== sourceId)
    this.sources = this.sources.filter((entry) => entry.summary.sourceId !== sourceId)
    if (this.sources.length !== before) this.invalidate()
    return this.current().summary
  }

  /** Drops every source. */
  clear(): CombinedSummary {
    this.cancel()
    this.sources = []
    this.order = []
    this.invalidate()
    return this.current().summary
  }

  /** Sets the mode (if given) and returns the combined counts, combining again only when needed. */
  combine(mode?: CombineMode): CombinedSummary {
    if (mode !== undefined && mode !== this.mode) {
      this.mode = mode
      this.invalidate()
    }
    return this.current().summary
  }

  /**
   * Puts the sources in the order of `sourceIds` (any not named keep their place after them) and
   * sets the mode, if given: how the page brings back last time's combination in one call.
   */
  arrange(sourceIds: readonly string[], mode?: CombineMode): CombinedSummary {
    const named = new Set(sourceIds)
    this.order = [...sourceIds, ...this.order.filter((id) => !named.has(id))]
    this.sortByOrder()
    if (mode !== undefined) this.mode = mode
    this.invalidate()
    return this.current().summary
  }

  getPage(offset: number, limit: number): IdPage {
    return pageOf(this.current().ids, offset, limit)
  }

  /** IDs of the final list containing `query`, page by page; an empty query lists everything. */
  searchIds(query: string, offset: number, limit: number): IdSearchResult {
    const { ids } = this.current()
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

  /** The exact JSON body for POST /api/v1/segments with the final list (for Copy as cURL). */
  requestBody(fields: SegmentFields): string {
    return buildSegmentRequestBody(fields, this.current().ids)
  }

  /**
   * The body and how many IDs it carries, taken together. Only a Blob handle and a count cross to
   * the page: cloning the IDs or a body string there is seconds of main-thread work at 10M IDs.
   */
  prepareUpload(fields: SegmentFields): PreparedUpload {
    const { ids } = this.current()
    return { body: buildSegmentRequestBlob(fields, ids), idCount: ids.length }
  }

  /** The final list as a download: one ID per line, or CSV with the header "userId". */
  getResultBlob(format: IdListFormat): Blob {
    return idListBlob(this.current().ids, format)
  }

  /**
   * How the final list differs from an earlier upload of the same segment, given as the JSON
   * array the team history answers: parsed here, so the page never holds the earlier list.
   * e.g. diffAgainstJson('["0012","9999"]') → { added: 4, removed: 1, unchanged: 1, previousSize: 2 }
   */
  diffAgainstJson(previousJson: string): PreviousListDiff {
    const parsed: unknown = JSON.parse(previousJson)
    if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === 'string')) {
      throw new Error('The team history did not answer with a list of user IDs.')
    }
    return { ...diffIdLists(this.current().ids, parsed), previousSize: parsed.length }
  }

  /**
   * Every row of a source affected by one kind of change, as "file,row,original value,outcome".
   * Rows beyond what is kept in memory are found by reading the source again.
   */
  async getAffectedRowsCsv(sourceId: string, kind: IssueKind): Promise<Blob> {
    const entry = this.entry(sourceId)
    let records = entry.records
    let context = entry.context
    if (!records.isComplete(kind)) {
      const { summary } = entry
      const reread = await this.parse(entry.input, {
        name: summary.name,
        kind: summary.kind,
        idColumn: summary.idColumn,
        sheet: summary.workbook?.sheet,
        encoding: summary.kind === 'file' ? summary.encoding : undefined,
        captureKind: kind,
      })
      records = reread.records
      context = reread.context
    }
    const csv = new AffectedRowsCsv()
    csv.add(entry.summary.name, records.rows(kind), records.originals(kind), (original) =>
      issueOutcome(kind, original, context),
    )
    return csv.toBlob()
  }

  private async read(
    sourceId: string,
    name: string,
    kind: 'file' | 'paste',
    input: Blob | string,
    options: AddSourceOptions,
    onProgress: ProgressCallback | undefined,
  ): Promise<SourceAdded> {
    this.cancel(sourceId)
    if (!this.order.includes(sourceId)) this.order.push(sourceId)
    const position = this.sources.findIndex((entry) => entry.summary.sourceId === sourceId)
    if (position !== -1) {
      // The old reading of this source is out of the list from now on, whatever happens next.
      this.sources.splice(position, 1)
      this.invalidate()
    }
    const controller = new AbortController()
    this.reading.set(sourceId, controller)
    const early =
      input instanceof Blob && input.size <= CONCURRENT_SHA256_BYTES
        ? this.fingerprint(input)
        : null
    // A failed parse makes nobody wait for the early fingerprint; keep its rejection quiet.
    early?.catch(() => undefined)
    try {
      const parsed = await this.parse(input, {
        name,
        kind,
        idColumn: options.idColumn,
        rememberedIdColumns: options.rememberedIdColumns,
        sheet: options.sheet,
        rememberedSheets: options.rememberedSheets,
        signal: controller.signal,
        onProgress: (bytesRead, totalBytes) =>
          onProgress?.({ sourceId, name, bytesRead, totalBytes }),
      })
      const { sha256, sizeBytes } = await (early ?? this.fingerprint(input))
      if (controller.signal.aborted) throw cancelledError(name)
      const warnings =
        sha256 === null
          ? [
              ...parsed.summary.warnings,
              `${name} is larger than 512 MB, so no SHA-256 fingerprint was computed for the history.`,
            ]
          : parsed.summary.warnings
      const entry: SourceEntry = {
        summary: { sourceId, sha256, ...parsed.summary, sizeBytes, warnings },
        input,
        ids: parsed.ids,
        rows: parsed.rows,
        records: parsed.records,
        context: parsed.context,
      }
      this.sources.push(entry)
      this.sortByOrder()
      this.invalidate()
      return { source: entry.summary, combined: this.current().summary }
    } finally {
      if (this.reading.get(sourceId) === controller) this.reading.delete(sourceId)
    }
  }

  /** The shared reader (parseDroppedSource), with this workspace's limit on kept affected rows. */
  private parse(input: Blob | string, options: ParseDroppedSourceOptions): Promise<ParsedSource> {
    return parseDroppedSource(input, {
      ...options,
      storedRecordsPerKind: this.storedRecordsPerKind,
    })
  }

  /** SHA-256 and size in bytes; pasted text is fingerprinted as its UTF-8 bytes. */
  private async fingerprint(
    input: Blob | string,
  ): Promise<{ sha256: string | null; sizeBytes: number }> {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : null
    const sizeBytes = bytes?.length ?? (input instanceof Blob ? input.size : 0)
    if (sizeBytes > MAX_SHA256_BYTES) return { sha256: null, sizeBytes }
    const data = bytes ?? (input instanceof Blob ? await input.arrayBuffer() : new ArrayBuffer(0))
    return { sha256: toHex(await crypto.subtle.digest('SHA-256', data)), sizeBytes }
  }

  private entry(sourceId: string): SourceEntry {
    const entry = this.sources.find((candidate) => candidate.summary.sourceId === sourceId)
    if (entry === undefined) {
      throw new IngestError('unknown-source', 'That source is no longer in the list; add it again.')
    }
    return entry
  }

  private sortByOrder(): void {
    const rank = new Map(this.order.map((id, index) => [id, index]))
    const last = this.order.length
    this.sources.sort(
      (a, b) => (rank.get(a.summary.sourceId) ?? last) - (rank.get(b.summary.sourceId) ?? last),
    )
  }

  private invalidate(): void {
    this.combined = null
    this.search = null
  }

  private current(): CombinedState {
    if (this.combined !== null) return this.combined
    const sources = this.sources
    const mode = this.mode
    const { ids, removed } = combineIdLists(
      sources.map((entry) => entry.ids),
      mode,
    )
    const removedAcrossSources = removed.reduce((sum, positions) => sum + positions.length, 0)
    this.version++
    const summary: CombinedSummary = {
      version: this.version,
      mode,
      perSource: sources.map((entry, index) => ({
        sourceId: entry.summary.sourceId,
        name: entry.summary.name,
        uniqueIds: entry.ids.length,
        removed: removed[index]?.length ?? 0,
      })),
      total: ids.length,
      removedAcrossSources,
      sentence: combinedSentence(mode, sources, ids.length, removedAcrossSources),
    }
    this.combined = { summary, ids }
    return this.combined
  }
}
