import * as z from 'zod/mini'
import { rowConditionSchema, type RowCondition } from '../../../../contracts/recipe'
import { AffectedRowsCsv, type IssueRecords } from '../../../lib/ingest/affected-rows'
import type { IdList } from '../../../lib/ingest/id-list'
import { cancelledError, IngestError, isIngestError } from '../../../lib/ingest/ingest-error'
import { issueOutcome, type IssueContext } from '../../../lib/ingest/issue-report'
import {
  parseDroppedSource,
  type ParseDroppedSourceOptions,
} from '../../../lib/ingest/parse-dropped-source'
import type { ParsedSource } from '../../../lib/ingest/parse-source'
import type { IssueKind } from '../../../lib/ingest/types'
import { sheetsSignature } from '../../../lib/reading-memory'
import type { SegmentFields } from '../api/replace-segment'
import {
  applyRememberedCombination,
  combinationKey,
  combinationMemoryChange,
  idColumnMemoryChange,
  sheetMemoryChange,
  type CombinedSource,
  type RememberedChoices,
  type RememberedCombination,
  type SegmentMemoryWrite,
} from '../domain/remembered-reading'
import { SPLIT_PAGE_ROWS, splitSettingsSchema } from '../domain/rows/split-settings'
import { combinedSentence } from './combined-sentence'
import { idListBlob } from './id-list-export'
import { diffIdLists, findMatches, pageOf, pageOfMatches, type IdListDiff } from './id-list-view'
import { keptCountWarnings, parseIdArray } from './kept-list'
import {
  SegmentSplit,
  type SplitInputs,
  type SplitSegmentEdit,
  type SplitTableView,
} from './rows/segment-split'
import {
  SourceRows,
  SourceRowsReader,
  type ColumnSummary,
  type KeptRowsState,
  type ValueRows,
} from './rows/source-rows'
import { buildSegmentRequestBlob, buildSegmentRequestBody } from './segment-request-body'
import { combineIdLists } from './set-operations'
import type {
  Arranged,
  CombinedSummary,
  CombineMode,
  IdListFormat,
  IdPage,
  IdSearchResult,
  PreparedBatch,
  PreparedUpload,
  ProgressCallback,
  Recalled,
  SourceAdded,
  SourceRead,
  SourceSummary,
  SplitSettings,
  WorkspaceState,
} from './types'

/** How the final list differs from an earlier one, and how many IDs that one had. */
export interface PreviousListDiff extends IdListDiff {
  previousSize: number
}

/** crypto.subtle.digest needs the whole file in memory; above this we skip the fingerprint. */
export const MAX_SHA256_BYTES = 512 * 1024 * 1024
/**
 * Up to this size the fingerprint is computed while the file is parsed (the digest runs off the
 * worker's thread), hiding its time from the preview; larger files hash afterwards, so their
 * bytes are not held in memory during the parse's peak.
 */
const CONCURRENT_SHA256_BYTES = 64 * 1024 * 1024

/**
 * What was given to read, kept to read it again (another ID column or sheet, or a full
 * affected-rows download), with the sheet asked for and the one read when nothing was asked.
 */
interface SourceInput {
  name: string
  kind: 'file' | 'paste'
  input: Blob | string
  /** The sheet the marketer chose; undefined reads the remembered or automatic one. */
  sheet?: number
  /** The sheet read when nothing was chosen or remembered: choosing it again forgets the choice. */
  automaticSheet?: number
}

/** How one reading of a source is asked for. */
interface ReadOptions {
  idColumn?: number
  rememberedIdColumns?: ReadonlyMap<string, number>
  rememberedSheets?: ReadonlyMap<string, string>
  /** Said on the source's card beside what reading it found. */
  warnings?: readonly string[]
}

interface SourceEntry {
  summary: SourceSummary
  ids: IdList
  rows: number[]
  records: IssueRecords
  context: IssueContext
}

interface CombinedState {
  summary: CombinedSummary
  ids: IdList
}

function unknownSource(): IngestError {
  return new IngestError('unknown-source', 'That source is no longer in the list; add it again.')
}

const rowConditionsSchema = z.array(rowConditionSchema)

/** The worker's calendar day as YYYY-MM-DD, for "in the last N days". */
function localToday(): string {
  const now = new Date()
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** A source's columns for building conditions, and how its conditions stand. */
export interface KeptRowsView {
  columns: ColumnSummary[]
  state: KeptRowsState
}

/** Conditions set on a source, and the list they changed. */
export interface ConditionsSet {
  state: KeptRowsState
  combined: CombinedSummary
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Everything the Segments page reads and combines, living inside the worker: each source (what was
 * given, the sheet and ID column chosen, its unique IDs, its summary), their order and mode, and
 * the combined list the page sees only page by page. It applies the remembered-reading rules
 * itself and answers with what the browser should remember; the page keeps the memory. Plain
 * TypeScript, so it is tested in Node; segment-worker.ts serves one instance to the page.
 */
export class SegmentWorkspace {
  private readonly storedRecordsPerKind: number | undefined
  private sources: SourceEntry[] = []
  private readonly inputs = new Map<string, SourceInput>()
  /**
   * Source IDs in the order the page added them (or arranged them): the sources are combined in
   * this order, not in the order their readings happen to finish, since Subtract takes the first.
   */
  private order: string[] = []
  /** Source IDs in the order they were added: the automatic combination's order. */
  private added: string[] = []
  private readonly reading = new Map<string, AbortController>()
  private mode: CombineMode = 'union'
  private combined: CombinedState | null = null
  private version = 0
  private search: { query: string; ids: IdList; matches: number[] } | null = null
  /** Each source's rows, when it has a header row and several columns ("Keep rows where…"). */
  private readonly rowsOf = new Map<string, SourceRows>()
  /** Each source's conditions, kept across readings (another ID column keeps the filter). */
  private readonly conditionsOf = new Map<string, RowCondition[]>()
  private readonly today: () => string
  /** "One segment per value of…": at most one split, on one source. */
  private readonly split = new SegmentSplit()

  /**
   * storedRecordsPerKind: affected rows kept in memory per kind (tests make it small);
   * today: the calendar day "in the last N days" ends on (tests fix it).
   */
  constructor(options: { storedRecordsPerKind?: number; today?: () => string } = {}) {
    this.storedRecordsPerKind = options.storedRecordsPerKind
    this.today = options.today ?? localToday
  }

  /**
   * Reads a file (CSV, TSV, TXT, or a workbook: .xlsx, .xlsm, .xls, .ods, told apart by content)
   * as source `sourceId`, from the sheet and ID column remembered for it if any.
   */
  async addFile(
    sourceId: string,
    file: File,
    remembered: RememberedChoices = {},
    onProgress?: ProgressCallback,
  ): Promise<SourceAdded> {
    this.inputs.set(sourceId, { name: file.name, kind: 'file', input: file })
    return this.read(sourceId, this.rememberedReading(remembered), onProgress)
  }

  /** Reads pasted text (IDs separated by line breaks, commas, semicolons, tabs or spaces). */
  async addText(
    sourceId: string,
    name: string,
    text: string,
    onProgress?: ProgressCallback,
  ): Promise<SourceAdded> {
    this.inputs.set(sourceId, { name, kind: 'paste', input: text })
    return this.read(sourceId, {}, onProgress)
  }

  /**
   * Reads a list the team history kept (History → Restore), given as the JSON array the history
   * answers: parsed here, so the page never holds a million-element array. The source says so
   * when the list does not hold as many IDs as the history recorded for the upload.
   * e.g. addKeptList('s1', 'vip as uploaded…', '["12","0012"]', 3) → a source of 2 IDs, warning "…recorded 3 IDs…, 2 came back…"
   */
  async addKeptList(
    sourceId: string,
    name: string,
    keptJson: string,
    recordedCount: number | null,
    onProgress?: ProgressCallback,
  ): Promise<SourceAdded> {
    const ids = parseIdArray(keptJson)
    const warnings = keptCountWarnings(recordedCount, ids.length)
    // Read as if pasted one per line, so a restored ID is cleaned exactly like any other.
    this.inputs.set(sourceId, { name, kind: 'paste', input: ids.join('\n') })
    return this.read(sourceId, { warnings }, onProgress)
  }

  /** Reads the source again from `column`, and says whether to remember it for its header row. */
  async chooseIdColumn(
    sourceId: string,
    column: number,
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const change = idColumnMemoryChange(this.entry(sourceId).summary, column)
    const memory: SegmentMemoryWrite[] = change ? [{ store: 'idColumns', ...change }] : []
    return { ...(await this.read(sourceId, { idColumn: column }, onProgress)), memory }
  }

  /** Forgets the ID column remembered for the source's header row and reads it automatically. */
  async restoreAutomaticIdColumn(
    sourceId: string,
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const signature = this.entry(sourceId).summary.headerSignature
    const memory: SegmentMemoryWrite[] = signature
      ? [{ store: 'idColumns', signature, choice: null }]
      : []
    return { ...(await this.read(sourceId, {}, onProgress)), memory }
  }

  /** Reads a workbook source again from another sheet, and says whether to remember it. */
  async chooseSheet(
    sourceId: string,
    sheet: number,
    remembered: RememberedChoices = {},
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const { workbook } = this.entry(sourceId).summary
    const input = this.input(sourceId)
    const change = workbook ? sheetMemoryChange(workbook, input.automaticSheet, sheet) : null
    const memory: SegmentMemoryWrite[] = change ? [{ store: 'sheets', ...change }] : []
    input.sheet = sheet
    const options = { rememberedIdColumns: remembered.idColumns }
    return { ...(await this.read(sourceId, options, onProgress)), memory }
  }

  /** Forgets the sheet remembered for the source's workbook and reads it automatically. */
  async restoreAutomaticSheet(
    sourceId: string,
    remembered: RememberedChoices = {},
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const { workbook } = this.entry(sourceId).summary
    const input = this.input(sourceId)
    const memory: SegmentMemoryWrite[] = workbook
      ? [
          {
            store: 'sheets',
            signature: sheetsSignature(workbook.sheets.map((sheet) => sheet.name)),
            choice: null,
          },
        ]
      : []
    input.sheet = undefined
    input.automaticSheet = undefined
    const options = { rememberedIdColumns: remembered.idColumns }
    return { ...(await this.read(sourceId, options, onProgress)), memory }
  }

  /**
   * Stops the reading of a source: its pending add rejects with code 'cancelled', and this answers
   * null. When the reading had already ended (its answer is on the way to the page), the source
   * is dropped all the same, and this answers the list without it.
   */
  cancel(sourceId: string): CombinedSummary | null {
    const controller = this.reading.get(sourceId)
    if (controller !== undefined) {
      controller.abort()
      return null
    }
    if (!this.sources.some((entry) => entry.summary.sourceId === sourceId)) return null
    return this.removeSource(sourceId)
  }

  /** Drops a source (stopping its reading) and returns the list without it. */
  removeSource(sourceId: string): CombinedSummary {
    this.reading.get(sourceId)?.abort()
    this.forget(sourceId)
    return this.combinedList().summary
  }

  /** Drops every source. */
  clear(): CombinedSummary {
    for (const controller of this.reading.values()) controller.abort()
    this.sources = []
    this.inputs.clear()
    this.rowsOf.clear()
    this.conditionsOf.clear()
    this.split.set(null)
    this.order = []
    this.added = []
    this.invalidate()
    return this.combinedList().summary
  }

  /** What the page shows of the sources read and their combination. */
  current(): WorkspaceState {
    return {
      combined: this.combinedList().summary,
      sources: this.sources.map((entry) => entry.summary),
    }
  }

  /** Combines by `mode` from now on, and says what to remember for these sources' header rows. */
  combine(mode: CombineMode): Arranged {
    if (mode !== this.mode) {
      this.mode = mode
      this.invalidate()
    }
    return this.arrangedAnswer()
  }

  /**
   * Puts the sources in the order of `sourceIds` (any not named keep their place after them) and
   * sets the mode, if given.
   */
  arrange(sourceIds: readonly string[], mode?: CombineMode): CombinedSummary {
    const named = new Set(sourceIds)
    this.order = [...sourceIds, ...this.order.filter((id) => !named.has(id))]
    this.sortByOrder()
    if (mode !== undefined) this.mode = mode
    this.invalidate()
    return this.combinedList().summary
  }

  /** Moves a source one place up in the combination (Subtract keeps the first source's IDs). */
  moveUp(sourceId: string): Arranged {
    const order = this.sources.map((entry) => entry.summary.sourceId)
    const at = order.indexOf(sourceId)
    const above = order[at - 1]
    if (above === undefined) return { combined: this.combinedList().summary, memory: [] }
    order.splice(at - 1, 2, sourceId, above)
    this.arrange(order)
    return this.arrangedAnswer()
  }

  /** Union, in the order the sources were added, forgetting the combination remembered. */
  restoreAutomaticCombination(): Arranged {
    const key = combinationKey(this.combinedSources().map((source) => source.signature))
    const combined = this.arrange(this.added, 'union')
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
  recallCombination(combinations: ReadonlyMap<string, RememberedCombination>): Recalled | null {
    if (this.reading.size > 0) return null
    const sources = this.combinedSources()
    const key = combinationKey(sources.map((source) => source.signature))
    const remembered = key === null ? undefined : combinations.get(key)
    if (remembered === undefined) return null
    const arrangement = applyRememberedCombination(remembered, this.mode, sources)
    if (arrangement === null && remembered.tag === undefined) return null
    const combined =
      arrangement === null
        ? this.combinedList().summary
        : this.arrange(arrangement.order, arrangement.mode)
    return remembered.tag === undefined ? { combined } : { combined, tag: remembered.tag }
  }

  /** What to remember once these sources, combined as now, were uploaded to `tag`. */
  rememberUploadTag(tag: string): SegmentMemoryWrite[] {
    const change = combinationMemoryChange(this.mode, this.combinedSources(), tag)
    return change?.choice
      ? [{ store: 'combinations', signature: change.key, choice: change.choice }]
      : []
  }

  getPage(offset: number, limit: number): IdPage {
    return pageOf(this.combinedList().ids, offset, limit)
  }

  /** IDs of the final list containing `query`, page by page; an empty query lists everything. */
  searchIds(query: string, offset: number, limit: number): IdSearchResult {
    const { ids } = this.combinedList()
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
    this.refuseWhileBlocked()
    return buildSegmentRequestBody(fields, this.combinedList().ids)
  }

  /**
   * The body and how many IDs it carries, taken together. Only a Blob handle and a count cross to
   * the page: cloning the IDs or a body string there is seconds of main-thread work at 10M IDs.
   */
  prepareUpload(fields: SegmentFields): PreparedUpload {
    this.refuseWhileBlocked()
    const { ids } = this.combinedList()
    return { body: buildSegmentRequestBlob(fields, ids), idCount: ids.length }
  }

  /** The final list as a download: one ID per line, or CSV with the header "userId". */
  getResultBlob(format: IdListFormat): Blob {
    return idListBlob(this.combinedList().ids, format)
  }

  /**
   * How the final list differs from an earlier upload of the same segment, given as the JSON
   * array the team history answers: parsed here, so the page never holds the earlier list.
   * e.g. diffAgainstJson('["0012","9999"]') → { added: 4, removed: 1, unchanged: 1, previousSize: 2 }
   */
  diffAgainstJson(previousJson: string): PreviousListDiff {
    const previous = parseIdArray(previousJson)
    return { ...diffIdLists(this.combinedList().ids, previous), previousSize: previous.length }
  }

  /**
   * Every row of a source affected by one kind of change, as "file,row,original value,outcome".
   * Rows beyond what is kept in memory are found by reading the source again.
   */
  async getAffectedRowsCsv(sourceId: string, kind: IssueKind): Promise<Blob> {
    const entry = this.entry(sourceId)
    const kept = this.rowsOf.get(sourceId)?.kept
    let records = kept?.records ?? entry.records
    let context = entry.context
    // Rows kept by conditions: their records are the ones counted (reading again would count all).
    if (kept == null && !records.isComplete(kind)) {
      const { summary } = entry
      const reread = await this.parse(this.input(sourceId).input, {
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

  /**
   * What the card needs to build "Keep rows where…" conditions on a source: each column's kind and
   * most frequent values, and how its conditions stand. Null for a source without a header row
   * and several columns (a list of IDs has no rows to filter).
   */
  columnProfiles(sourceId: string): KeptRowsView | null {
    this.entry(sourceId)
    const rows = this.rowsOf.get(sourceId)
    return rows === undefined ? null : { columns: rows.columns(), state: rows.state }
  }

  /** Values of a source's column containing `query`, any case, most frequent first. */
  searchColumnValues(
    sourceId: string,
    column: string,
    query: string,
  ): { matches: ValueRows[]; more: boolean } {
    this.entry(sourceId)
    return this.rowsOf.get(sourceId)?.search(column, query) ?? { matches: [], more: false }
  }

  /**
   * Keeps only the rows of a source where every condition holds: its list becomes the kept rows'
   * unique IDs, and the combined list follows. A condition that cannot apply (a column the file
   * lacks, dates whose order is unknown) empties the source and blocks the upload, with its sentence.
   * e.g. setConditions('s1', [Plan Type is one of ["Full Season"]]) → state.sentence "3 of 5 rows kept → 2 IDs"
   */
  setConditions(sourceId: string, conditions: readonly RowCondition[]): ConditionsSet {
    this.entry(sourceId)
    const rows = this.rowsOf.get(sourceId)
    if (rows === undefined) {
      throw new IngestError(
        'invalid-request',
        'Only a file with a header row and several columns can keep some of its rows.',
      )
    }
    const parsed = rowConditionsSchema.parse(conditions)
    this.conditionsOf.set(sourceId, parsed)
    const state = rows.apply(parsed)
    this.invalidate()
    return { state, combined: this.combinedList().summary }
  }

  /**
   * Makes one segment per value of a source's column (null: no split), and answers the table's
   * first page. The other sources apply to every segment as the combine mode says.
   */
  setSplit(
    settings: SplitSettings | null,
    offset = 0,
    limit = SPLIT_PAGE_ROWS,
  ): SplitTableView | null {
    if (settings !== null) this.entry(splitSettingsSchema.parse(settings).sourceId)
    this.split.set(settings)
    return this.splitTable(offset, limit)
  }

  /** Changes one value's tag, title or tick, and answers the table's page at `offset`. */
  editSplitSegment(
    value: string,
    change: SplitSegmentEdit,
    offset = 0,
    limit = SPLIT_PAGE_ROWS,
  ): SplitTableView | null {
    this.split.edit(() => this.splitInputs(), value, change)
    return this.splitTable(offset, limit)
  }

  /** Ticks or unticks every value of the split. */
  tickAllSplitSegments(
    ticked: boolean,
    offset = 0,
    limit = SPLIT_PAGE_ROWS,
  ): SplitTableView | null {
    this.split.tickAll(() => this.splitInputs(), ticked)
    return this.splitTable(offset, limit)
  }

  /** The split's table from row `offset`; null without a split. */
  splitTable(offset = 0, limit = SPLIT_PAGE_ROWS): SplitTableView | null {
    return this.split.view(() => this.splitInputs(), offset, limit)
  }

  /** Each ticked segment's exact request body; refuses with a sentence while the split cannot go. */
  prepareBatch(fields: { sourceType: number; notes: string }): PreparedBatch {
    return this.split.prepare(() => this.splitInputs(), fields)
  }

  /** How the split's segment tagged `tag` differs from its earlier list (the history's JSON text). */
  diffSegmentAgainst(tag: string, previousListText: string): PreviousListDiff {
    return this.split.diff(() => this.splitInputs(), tag, previousListText)
  }

  /** What the split needs of the sources: the split source's rows and the combination. */
  private splitInputs(): SplitInputs {
    const settings = this.split.settings
    const at = this.sources.findIndex((entry) => entry.summary.sourceId === settings?.sourceId)
    const entry = this.sources[at]
    const rows = entry && this.rowsOf.get(entry.summary.sourceId)
    if (entry === undefined || rows === undefined) {
      return {
        kind: 'problem',
        sentence:
          'Only a file with a header row and several columns can make one segment per value.',
      }
    }
    const { blocking } = this.combinedList().summary
    if (blocking !== undefined) return { kind: 'problem', sentence: blocking }
    return {
      kind: 'rows',
      table: rows.table,
      mask: rows.mask,
      sourceName: entry.summary.name,
      combination: { lists: this.sources.map((source) => this.idsOf(source)), at, mode: this.mode },
    }
  }

  /** Keeps a source's rows as read, with the conditions it had before this reading. */
  private keepRows(
    sourceId: string,
    table: ReturnType<SourceRowsReader['finish']>,
    entry: SourceEntry,
  ): void {
    if (table === null) {
      this.rowsOf.delete(sourceId)
      return
    }
    const rows = new SourceRows(table, entry.summary.name, entry.ids.length, this.today)
    rows.apply(this.conditionsOf.get(sourceId) ?? [])
    this.rowsOf.set(sourceId, rows)
  }

  /** A source's list: its kept rows' IDs when conditions apply, else every ID it has. */
  private idsOf(entry: SourceEntry): IdList {
    return this.rowsOf.get(entry.summary.sourceId)?.ids ?? entry.ids
  }

  /** The first source whose conditions cannot apply, with why: the list must not be sent. */
  private blocking(): { blocking?: string } {
    for (const entry of this.sources) {
      const problem = this.rowsOf.get(entry.summary.sourceId)?.state.blocking
      if (problem != null) return { blocking: `${entry.summary.name}: ${problem}` }
    }
    return {}
  }

  private refuseWhileBlocked(): void {
    const { blocking } = this.combinedList().summary
    if (blocking !== undefined) throw new IngestError('invalid-request', blocking)
  }

  private rememberedReading(remembered: RememberedChoices): ReadOptions {
    return {
      rememberedIdColumns: remembered.idColumns,
      rememberedSheets: remembered.sheets,
    }
  }

  /**
   * Reads source `sourceId` from its kept input; one already in the list leaves it now, whatever
   * happens next, and comes back in its place.
   */
  private async read(
    sourceId: string,
    options: ReadOptions,
    onProgress: ProgressCallback | undefined,
  ): Promise<SourceAdded> {
    this.reading.get(sourceId)?.abort()
    const source = this.input(sourceId)
    const { name, kind, input } = source
    if (!this.order.includes(sourceId)) this.order.push(sourceId)
    if (!this.added.includes(sourceId)) this.added.push(sourceId)
    const position = this.sources.findIndex((entry) => entry.summary.sourceId === sourceId)
    if (position !== -1) {
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
    const rowsReader = new SourceRowsReader()
    try {
      const parsed = await this.parse(input, {
        keepRows: (columns, idColumn) => rowsReader.start(columns, idColumn),
        name,
        kind,
        idColumn: options.idColumn,
        rememberedIdColumns: options.rememberedIdColumns,
        sheet: source.sheet,
        rememberedSheets: options.rememberedSheets,
        signal: controller.signal,
        onProgress: (bytesRead, totalBytes) =>
          onProgress?.({ sourceId, name, bytesRead, totalBytes }),
      })
      const { sha256, sizeBytes } = await (early ?? this.fingerprint(input))
      if (controller.signal.aborted) throw cancelledError(name)
      const warnings = [
        ...parsed.summary.warnings,
        ...(options.warnings ?? []),
        ...(sha256 === null
          ? [
              `${name} is larger than 512 MB, so no SHA-256 fingerprint was computed for the history.`,
            ]
          : []),
      ]
      const entry: SourceEntry = {
        summary: { sourceId, sha256, ...parsed.summary, sizeBytes, warnings },
        ids: parsed.ids,
        rows: parsed.rows,
        records: parsed.records,
        context: parsed.context,
      }
      const { workbook } = entry.summary
      if (source.sheet === undefined && workbook?.sheetRemembered === false) {
        source.automaticSheet = workbook.sheet
      }
      this.keepRows(sourceId, rowsReader.finish(), entry)
      this.sources.push(entry)
      this.sortByOrder()
      this.invalidate()
      return { source: entry.summary, combined: this.combinedList().summary }
    } catch (error) {
      // A stopped reading takes its source with it; a failed one stays, to be removed or retried.
      // (Unless a newer reading of it took over: that one decides.)
      const current = this.reading.get(sourceId) === controller
      if (current && isIngestError(error) && error.code === 'cancelled') this.forget(sourceId)
      throw error
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

  private input(sourceId: string): SourceInput {
    const input = this.inputs.get(sourceId)
    if (input === undefined) throw unknownSource()
    return input
  }

  private entry(sourceId: string): SourceEntry {
    const entry = this.sources.find((candidate) => candidate.summary.sourceId === sourceId)
    if (entry === undefined) throw unknownSource()
    return entry
  }

  private sortByOrder(): void {
    const rank = new Map(this.order.map((id, index) => [id, index]))
    const last = this.order.length
    this.sources.sort(
      (a, b) => (rank.get(a.summary.sourceId) ?? last) - (rank.get(b.summary.sourceId) ?? last),
    )
  }

  /** Drops everything about a source. */
  private forget(sourceId: string): void {
    const before = this.sources.length
    this.sources = this.sources.filter((entry) => entry.summary.sourceId !== sourceId)
    this.inputs.delete(sourceId)
    this.rowsOf.delete(sourceId)
    this.conditionsOf.delete(sourceId)
    if (this.split.settings?.sourceId === sourceId) this.split.set(null)
    this.order = this.order.filter((id) => id !== sourceId)
    this.added = this.added.filter((id) => id !== sourceId)
    if (this.sources.length !== before) this.invalidate()
  }

  /** The sources as the combination memory sees them: by their header rows. */
  private combinedSources(): CombinedSource[] {
    return this.sources.map(({ summary }) => ({
      sourceId: summary.sourceId,
      name: summary.name,
      signature: summary.headerSignature,
    }))
  }

  /** The list as combined now, and what to remember of the combination (Union in added order forgets). */
  private arrangedAnswer(): Arranged {
    const combined = this.combinedList().summary
    const change = combinationMemoryChange(this.mode, this.combinedSources())
    return {
      combined,
      memory: change
        ? [{ store: 'combinations', signature: change.key, choice: change.choice }]
        : [],
    }
  }

  private invalidate(): void {
    this.combined = null
    this.search = null
    this.split.invalidate()
  }

  private combinedList(): CombinedState {
    if (this.combined !== null) return this.combined
    const sources = this.sources
    const mode = this.mode
    const lists = sources.map((entry) => this.idsOf(entry))
    const { ids, removed } = combineIdLists(lists, mode)
    const removedAcrossSources = removed.reduce((sum, positions) => sum + positions.length, 0)
    this.version++
    const summary: CombinedSummary = {
      version: this.version,
      mode,
      perSource: sources.map((entry, index) => ({
        sourceId: entry.summary.sourceId,
        name: entry.summary.name,
        uniqueIds: (lists[index] as IdList).length,
        removed: removed[index]?.length ?? 0,
      })),
      total: ids.length,
      removedAcrossSources,
      sentence: combinedSentence(mode, sources, ids.length, removedAcrossSources),
      ...this.blocking(),
    }
    this.combined = { summary, ids }
    return this.combined
  }
}
