import type { RowCondition } from '../../../../contracts/recipe'
import type { IssueKind } from '../../../lib/ingest/types'
import type { SegmentFields } from '../api/replace-segment'
import type {
  RememberedChoices,
  RememberedCombination,
  SegmentMemoryWrite,
} from '../domain/remembered-reading'
import { SPLIT_PAGE_ROWS } from '../domain/rows/split-settings'
import { affectedRowsCsv } from './affected-rows-export'
import { Combination } from './combination'
import { CombinedList } from './combined-list'
import type { LargeFileHasher } from './fingerprint'
import { idListBlob } from './id-list-export'
import { diffIdLists, type KeptListDiff } from './id-list-view'
import { keptCountWarnings, parseIdArray } from './kept-list'
import {
  memoryOfAutomaticIdColumn,
  memoryOfAutomaticSheet,
  memoryOfIdColumnChoice,
  memoryOfSheetChoice,
} from './reading-choice-memory'
import { localToday, RowsBySource } from './rows/rows-by-source'
import { SegmentSplit, type SplitTableView } from './rows/segment-split'
import type { ColumnSummary, KeptRowsState, ValueRows } from './rows/source-rows'
import type { SplitSegmentEdit } from './rows/split-check'
import type { SplitInputs } from './rows/split-plan'
import { buildSegmentRequestBlob, buildSegmentRequestBody } from './segment-request-body'
import { SourceList } from './source-list'
import { SourceReader, type ReadOptions } from './source-reading'
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
  SplitSettings,
  WorkspaceState,
} from './types'

/** How the final list differs from an earlier one, and how many IDs that one had. */
export type PreviousListDiff = KeptListDiff

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

/**
 * Everything the Segments page reads and combines, living inside the worker: each source (what was
 * given, the sheet and ID column chosen, its unique IDs, its summary), their order and mode, and
 * the combined list the page sees only page by page. It applies the remembered-reading rules
 * itself and answers with what the browser should remember; the page keeps the memory. Plain
 * TypeScript, so it is tested in Node; segment-worker.ts serves one instance to the page.
 * The parts live beside it: source-list (the sources and their order), source-reading (reading
 * and fingerprinting one), rows/rows-by-source (conditions), combined-list (the final list).
 */
export class SegmentWorkspace {
  private readonly reader: SourceReader
  /** Each source's rows, when it has a header row and several columns ("Keep rows where…"). */
  private readonly rows: RowsBySource
  private readonly list: SourceList
  private readonly combined: CombinedList
  private readonly combination: Combination
  /** "One segment per value of…": at most one split, on one source. */
  private readonly split = new SegmentSplit()

  /**
   * storedRecordsPerKind: affected rows kept in memory per kind (tests make it small);
   * today: the calendar day "in the last N days" ends on (tests fix it);
   * hashLargeFile: fingerprints a large file on another thread while it is parsed.
   */
  constructor(
    options: {
      storedRecordsPerKind?: number
      today?: () => string
      hashLargeFile?: LargeFileHasher
    } = {},
  ) {
    this.reader = new SourceReader(options.storedRecordsPerKind, options.hashLargeFile)
    this.rows = new RowsBySource(options.today ?? localToday)
    this.combined = new CombinedList(() => ({
      sources: this.list.entries.map(({ summary, ids }) => ({
        summary,
        ids: this.rows.idsOf(summary.sourceId, ids),
      })),
      blocking: this.rows.blocking(this.list.entries.map(({ summary }) => summary)),
    }))
    this.list = new SourceList(this.reader, this.rows, () => this.combined.invalidate())
    this.combination = new Combination(this.list, this.combined)
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
    this.list.setInput(sourceId, { name: file.name, kind: 'file', input: file })
    const { idColumns: rememberedIdColumns, sheets: rememberedSheets } = remembered
    return this.read(sourceId, { rememberedIdColumns, rememberedSheets }, onProgress)
  }

  /** Reads pasted text (IDs separated by line breaks, commas, semicolons, tabs or spaces). */
  async addText(
    sourceId: string,
    name: string,
    text: string,
    onProgress?: ProgressCallback,
  ): Promise<SourceAdded> {
    this.list.setInput(sourceId, { name, kind: 'paste', input: text })
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
    this.list.setInput(sourceId, { name, kind: 'paste', input: ids.join('\n') })
    return this.read(sourceId, { warnings }, onProgress)
  }

  /** Reads the source again from `column`, and says whether to remember it for its header row. */
  async chooseIdColumn(
    sourceId: string,
    column: number,
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const memory = memoryOfIdColumnChoice(this.list.entry(sourceId).summary, column)
    return { ...(await this.read(sourceId, { idColumn: column }, onProgress)), memory }
  }

  /** Forgets the ID column remembered for the source's header row and reads it automatically. */
  async restoreAutomaticIdColumn(
    sourceId: string,
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const memory = memoryOfAutomaticIdColumn(this.list.entry(sourceId).summary)
    return { ...(await this.read(sourceId, {}, onProgress)), memory }
  }

  /** Reads a workbook source again from another sheet, and says whether to remember it. */
  async chooseSheet(
    sourceId: string,
    sheet: number,
    remembered: RememberedChoices = {},
    onProgress?: ProgressCallback,
  ): Promise<SourceRead> {
    const input = this.list.input(sourceId)
    const memory = memoryOfSheetChoice(
      this.list.entry(sourceId).summary,
      input.automaticSheet,
      sheet,
    )
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
    const memory = memoryOfAutomaticSheet(this.list.entry(sourceId).summary)
    const input = this.list.input(sourceId)
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
    if (this.list.stopReading(sourceId) || !this.list.has(sourceId)) return null
    return this.removeSource(sourceId)
  }

  /** Drops a source (stopping its reading) and returns the list without it. */
  removeSource(sourceId: string): CombinedSummary {
    this.list.remove(sourceId)
    if (this.split.settings?.sourceId === sourceId) this.split.set(null)
    return this.combined.summary()
  }

  /** Drops every source. */
  clear(): CombinedSummary {
    this.list.clear()
    this.split.set(null)
    return this.combined.summary()
  }

  /** What the page shows of the sources read and their combination. */
  current(): WorkspaceState {
    return {
      combined: this.combined.summary(),
      sources: this.list.entries.map((entry) => entry.summary),
    }
  }

  /** Combines by `mode` from now on, and says what to remember for these sources' header rows. */
  combine(mode: CombineMode): Arranged {
    return this.combination.combine(mode)
  }

  /** Puts the sources in the order of `sourceIds` (others after them) and sets the mode, if given. */
  arrange(sourceIds: readonly string[], mode?: CombineMode): CombinedSummary {
    return this.combination.arrange(sourceIds, mode)
  }

  /** Moves a source one place up in the combination (Subtract keeps the first source's IDs). */
  moveUp(sourceId: string): Arranged {
    return this.combination.moveUp(sourceId)
  }

  /** Union, in the order the sources were added, forgetting the combination remembered. */
  restoreAutomaticCombination(): Arranged {
    return this.combination.restoreAutomatic()
  }

  /** Once no source is being read: the combination remembered for these sources, applied. */
  recallCombination(combinations: ReadonlyMap<string, RememberedCombination>): Recalled | null {
    return this.combination.recall(combinations)
  }

  /** What to remember once these sources, combined as now, were uploaded to `tag`. */
  rememberUploadTag(tag: string): SegmentMemoryWrite[] {
    return this.combination.rememberUploadTag(tag)
  }

  getPage(offset: number, limit: number): IdPage {
    return this.combined.page(offset, limit)
  }

  /** IDs of the final list containing `query`, page by page; an empty query lists everything. */
  searchIds(query: string, offset: number, limit: number): IdSearchResult {
    return this.combined.searchIds(query, offset, limit)
  }

  /** The exact JSON body for POST /api/v1/segments with the final list (for Copy as cURL). */
  requestBody(fields: SegmentFields): string {
    return buildSegmentRequestBody(fields, this.combined.sendable())
  }

  /**
   * The body and how many IDs it carries, taken together. Only a Blob handle and a count cross to
   * the page: cloning the IDs or a body string there is seconds of main-thread work at 10M IDs.
   */
  prepareUpload(fields: SegmentFields): PreparedUpload {
    const ids = this.combined.sendable()
    return { body: buildSegmentRequestBlob(fields, ids), idCount: ids.length }
  }

  /** The final list as a download: one ID per line, or CSV with the header "userId". */
  getResultBlob(format: IdListFormat): Blob {
    return idListBlob(this.combined.ids(), format)
  }

  /**
   * How the final list differs from an earlier upload of the same segment, given as the bytes of
   * the JSON array the team history answers (transferred, not copied): read here, so the page
   * never decodes or holds the earlier list.
   * e.g. diffAgainstKept(bytes of '["0012","9999"]') → { added: 4, removed: 1, unchanged: 1, previousSize: 2 }
   */
  diffAgainstKept(kept: ArrayBuffer): PreviousListDiff {
    return diffIdLists(this.combined.ids(), new Uint8Array(kept))
  }

  /**
   * Every row of a source affected by one kind of change, as "file,row,original value,outcome".
   * Rows beyond what is kept in memory are found by reading the source again.
   */
  async getAffectedRowsCsv(sourceId: string, kind: IssueKind): Promise<Blob> {
    const entry = this.list.entry(sourceId)
    const { input } = this.list.input(sourceId)
    return affectedRowsCsv(entry, kind, this.rows.keptRecords(sourceId), (only) =>
      this.reader.reread(input, entry.summary, only),
    )
  }

  /**
   * What the card needs to build "Keep rows where…" conditions on a source: each column's kind and
   * most frequent values, and how its conditions stand. Null for a source without a header row
   * and several columns (a list of IDs has no rows to filter).
   */
  columnProfiles(sourceId: string): KeptRowsView | null {
    this.list.entry(sourceId)
    return this.rows.profiles(sourceId)
  }

  /** Values of a source's column containing `query`, any case, most frequent first. */
  searchColumnValues(
    sourceId: string,
    column: string,
    query: string,
  ): { matches: ValueRows[]; more: boolean } {
    this.list.entry(sourceId)
    return this.rows.searchValues(sourceId, column, query)
  }

  /**
   * Keeps only the rows of a source where every condition holds: its list becomes the kept rows'
   * unique IDs, and the combined list follows. A condition that cannot apply (a column the file
   * lacks, dates whose order is unknown) empties the source and blocks the upload, with its sentence.
   * e.g. setConditions('s1', [Plan Type is one of ["Full Season"]]) → state.sentence "3 of 5 rows kept → 2 IDs"
   */
  setConditions(sourceId: string, conditions: readonly RowCondition[]): ConditionsSet {
    this.list.entry(sourceId)
    const state = this.rows.setConditions(sourceId, conditions)
    this.combined.invalidate()
    return { state, combined: this.combined.summary() }
  }

  /**
   * Makes one segment per value of a source's column (null: no split), and answers the table's
   * page at `offset`. The other sources apply to every segment as the combine mode says.
   */
  setSplit(
    settings: SplitSettings | null,
    offset = 0,
    limit = SPLIT_PAGE_ROWS,
  ): SplitTableView | null {
    if (settings !== null) this.list.entry(settings.sourceId)
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

  /** How the split's segment tagged `tag` differs from its earlier list (the history's answer's bytes). */
  diffSegmentAgainst(tag: string, kept: ArrayBuffer): PreviousListDiff {
    return this.split.diff(() => this.splitInputs(), tag, new Uint8Array(kept))
  }

  /** What the split needs of the sources: the split source's rows and the combination. */
  private splitInputs(): SplitInputs {
    const { version, blocking } = this.combined.summary()
    const entries = this.list.entries
    const at = entries.findIndex(
      (entry) => entry.summary.sourceId === this.split.settings?.sourceId,
    )
    const entry = entries[at]
    const rows = entry && this.rows.source(entry.summary.sourceId)
    if (entry === undefined || rows === undefined) {
      const sentence =
        'Only a file with a header row and several columns can make one segment per value.'
      return { version, kind: 'problem', sentence }
    }
    if (blocking !== undefined) return { version, kind: 'problem', sentence: blocking }
    return {
      version,
      kind: 'rows',
      table: rows.table,
      mask: rows.mask,
      sourceName: entry.summary.name,
      combination: {
        lists: entries.map(({ summary, ids }) => this.rows.idsOf(summary.sourceId, ids)),
        at,
        mode: this.combined.mode,
      },
    }
  }

  /** Reads source `sourceId` from its kept input, and the list with it. */
  private async read(
    sourceId: string,
    options: ReadOptions,
    onProgress: ProgressCallback | undefined,
  ): Promise<SourceAdded> {
    const { summary } = await this.list.read(sourceId, options, onProgress)
    return { source: summary, combined: this.combined.summary() }
  }
}
