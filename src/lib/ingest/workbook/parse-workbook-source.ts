// A workbook as a source of segment IDs: one sheet, its header recognised as in a CSV, and the
// ID column's cells read by the cell rules (cell.ts) before the same cleaning and
// de-duplication a CSV value gets.
import { headerSignature, sheetsSignature } from '../../reading-memory'
import { IssueRecords, STORED_RECORDS_PER_KIND } from '../affected-rows'
import { decideIdColumn } from '../choose-id-column'
import { isHeaderRow } from '../detect-header'
import { IdCollector } from '../id-collector'
import { cancelledError, IngestError } from '../ingest-error'
import { summarizeIssues, type IssueContext } from '../issue-report'
import type { ParsedSource, ParseSourceOptions } from '../parse-source'
import type { IdColumnChoice, ParsedSummary, SheetInfo } from '../types'
import { cellAsId, type Cell } from './cell'
import { openWorkbook, workbookError, type ContainerKind } from './open-workbook'
import {
  headerName,
  keepRow,
  readChosenSheet,
  rowTexts,
  SAMPLE_ROWS,
  sheetProgress,
  type CheckedSink,
  type ChosenSheet,
  type KeptRow,
} from './read-sheet'
import { BATCH_VALUES, SheetRowsForwarder } from './sheet-rows-forwarder'
import { MAX_COLUMNS } from './workbook-types'

export interface ParseWorkbookOptions extends Omit<ParseSourceOptions, 'kind' | 'encoding'> {
  /** Read this sheet (index into the workbook's sheets) instead of the automatic choice. */
  sheet?: number
  /** Sheet names chosen for earlier workbooks, by sheetsSignature: used when sheet is not given. */
  rememberedSheets?: ReadonlyMap<string, string>
}

/**
 * The index of the sheet remembered for a workbook with these sheets, if it is still there.
 * e.g. ([Summary, Renewals], { sig → 'Renewals' }) → 1
 */
export function rememberedSheet(
  sheets: readonly SheetInfo[],
  rememberedSheets: ReadonlyMap<string, string> | undefined,
): number | undefined {
  const name = rememberedSheets?.get(sheetsSignature(sheets.map((sheet) => sheet.name)))
  if (name === undefined) return undefined
  const index = sheets.findIndex((sheet) => sheet.name === name)
  return index === -1 ? undefined : index
}

interface SheetPlan {
  hasHeader: boolean
  columns: string[]
  idColumn: number
  automaticIdColumn: number
  idColumnChoice: IdColumnChoice
  idColumnGuessed: boolean
}

/** Reads one sheet's ID column into a collector, planning the columns from its first rows. */
class IdSheetSink implements CheckedSink {
  columnLimit = MAX_COLUMNS
  sawData = false
  plan: SheetPlan | null = null
  rowsRead = 0
  readonly collector: IdCollector
  private sample: KeptRow[] = []
  private values: string[] = []
  private rowNumbers: number[] = []
  private readonly records: IssueRecords
  private readonly name: string
  private readonly idColumn: number | undefined
  private readonly rememberedIdColumns: ReadonlyMap<string, number> | undefined
  private readonly keepRows: ParseSourceOptions['keepRows']
  private rowsOut: SheetRowsForwarder | null = null

  constructor(
    records: IssueRecords,
    name: string,
    options: Pick<ParseWorkbookOptions, 'idColumn' | 'rememberedIdColumns' | 'keepRows'>,
  ) {
    this.records = records
    this.collector = new IdCollector(records, name)
    this.name = name
    this.idColumn = options.idColumn
    this.rememberedIdColumns = options.rememberedIdColumns
    this.keepRows = options.keepRows
  }

  row(row: number, cells: readonly Cell[], width: number): boolean {
    this.sawData = true
    if (this.plan === null) {
      this.sample.push(keepRow(row, cells, width))
      if (this.sample.length > SAMPLE_ROWS) this.startReading()
      return true
    }
    this.take(row, cells, width)
    return true
  }

  /** The end of the sheet: plans from what was kept if the sheet was short, and adds the rest. */
  finish(): void {
    if (this.plan === null && this.sample.length > 0) this.startReading()
    this.flush()
    this.rowsOut?.finish()
  }

  private startReading(): void {
    const [first, ...rest] = this.sample
    if (first === undefined) return
    const plan = this.planColumns(first, rest)
    this.plan = plan
    // As for a CSV: only a header row and several columns give rows worth keeping.
    const rowSink =
      plan.hasHeader && plan.columns.length > 1
        ? (this.keepRows?.(plan.columns, plan.idColumn) ?? null)
        : null
    if (rowSink !== null) {
      this.rowsOut = new SheetRowsForwarder(rowSink, plan.columns.length, plan.idColumn)
    }
    this.columnLimit = rowSink === null ? plan.idColumn + 1 : plan.columns.length
    const kept = this.sample
    this.sample = []
    for (const row of plan.hasHeader ? kept.slice(1) : kept) {
      this.take(row.row, row.cells, row.cells.length)
    }
  }

  private planColumns(first: KeptRow, rest: readonly KeptRow[]): SheetPlan {
    const hasHeader = isHeaderRow(rowTexts(first), rest.map(rowTexts))
    const width = Math.max(first.cells.length, ...rest.map((row) => row.cells.length))
    const columns = Array.from({ length: width }, (_, i) =>
      headerName(hasHeader ? first.cells[i] : undefined, i),
    )
    const requested = this.idColumn
    if (requested !== undefined && (requested < 0 || requested >= columns.length)) {
      throw new IngestError(
        'bad-column',
        `${this.name} has ${columns.length === 1 ? 'only 1 column' : `${columns.length} columns`}, so column ${requested + 1} cannot be used for IDs.`,
      )
    }
    return {
      hasHeader,
      columns,
      ...decideIdColumn(columns, hasHeader, requested, this.rememberedIdColumns),
    }
  }

  private take(row: number, cells: readonly Cell[], width: number): void {
    this.rowsRead++
    const idColumn = (this.plan as SheetPlan).idColumn
    const cell = width > idColumn ? cells[idColumn] : undefined
    const read = cell === undefined ? null : cellAsId(cell)
    if (read !== null && read.excluded !== null) {
      this.rowsOut?.add(row, cells, width, read.shown, read.excluded)
      this.records.add(read.excluded, row, read.shown)
      return
    }
    const id = read?.id ?? ''
    this.rowsOut?.add(row, cells, width, id, read?.padded === true ? 'zeroPadded' : null)
    if (read?.padded === true) this.records.add('zeroPadded', row, id)
    this.values.push(id)
    this.rowNumbers.push(row)
    if (this.values.length >= BATCH_VALUES) this.flush()
  }

  private flush(): void {
    if (this.values.length === 0) return
    this.collector.addAll(this.values, 0, 0, this.rowNumbers)
    this.values = []
    this.rowNumbers = []
  }
}

/**
 * Reads the IDs of one sheet of a workbook, as parseSource does for a CSV.
 * e.g. parseWorkbookSource(xlsxFile, 'zip', { name: 'fans.xlsx' })
 *   → ids ["123456789012", …], summary.workbook { format: 'xlsx', sheets: [{ name: 'Fans', hidden: false }], sheet: 0 }
 */
export async function parseWorkbookSource(
  blob: Blob,
  container: ContainerKind,
  options: ParseWorkbookOptions,
): Promise<ParsedSource> {
  const startedAt = performance.now()
  const { name, captureKind, signal } = options
  const storeLimit = options.storedRecordsPerKind ?? STORED_RECORDS_PER_KIND
  const records = () =>
    new IssueRecords((kind) =>
      captureKind === undefined ? storeLimit : kind === captureKind ? Number.POSITIVE_INFINITY : 0,
    )
  const workbook = await openWorkbook(blob, container, name, signal)
  const recalledSheet =
    options.sheet === undefined
      ? rememberedSheet(workbook.sheets, options.rememberedSheets)
      : undefined
  let sinkRecords = records()
  let chosen: ChosenSheet<IdSheetSink>
  try {
    chosen = await readChosenSheet(
      workbook,
      options.sheet ?? recalledSheet,
      name,
      () => {
        sinkRecords = records()
        return new IdSheetSink(sinkRecords, name, options)
      },
      { signal, onProgress: sheetProgress(blob.size, options.onProgress) },
    )
    chosen.sink.finish()
  } catch (error) {
    throw signal?.aborted ? cancelledError(name) : workbookError(error, name)
  }
  if (signal?.aborted) throw cancelledError(name)
  const { sink } = chosen
  const collector = sink.collector
  const mixedLengths = collector.finish()
  const plan = sink.plan ?? {
    hasHeader: false,
    columns: ['Column A'],
    idColumn: 0,
    automaticIdColumn: 0,
    idColumnChoice: 'automatic',
    idColumnGuessed: false,
  }
  const sheetName = workbook.sheets[chosen.sheet]?.name ?? ''
  const context: IssueContext = {
    sourceName: name,
    columnName: plan.columns[plan.idColumn] ?? name,
    mixedLengths,
  }
  const warnings = [...chosen.warnings]
  if (plan.idColumnGuessed) {
    warnings.push(
      `No column of ${name} is named like an ID column (such as "Account ID"), so IDs were read from the first column, "${plan.columns[0] ?? ''}". Pick another column if that is wrong.`,
    )
  }
  if (collector.ids.length === 0) {
    warnings.push(
      sink.sawData ? `No IDs were found in ${name}.` : `Sheet "${sheetName}" of ${name} is empty.`,
    )
  }
  const summary: ParsedSummary = {
    name,
    kind: 'file',
    sizeBytes: blob.size,
    encoding: 'utf-8',
    layout: 'table',
    delimiter: null,
    lineEnding: 'none',
    hasHeader: plan.hasHeader,
    columns: plan.columns,
    idColumn: plan.idColumn,
    automaticIdColumn: plan.automaticIdColumn,
    idColumnChoice: plan.idColumnChoice,
    headerSignature: plan.hasHeader ? headerSignature(plan.columns) : null,
    rowsRead: sink.rowsRead,
    uniqueIds: collector.ids.length,
    workbook: {
      format: workbook.format,
      sheets: workbook.sheets,
      sheet: chosen.sheet,
      sheetRemembered: recalledSheet !== undefined,
    },
    issues: summarizeIssues(sinkRecords, context),
    warnings,
    durationMs: Math.round(performance.now() - startedAt),
  }
  return { summary, ids: collector.ids, rows: collector.rows, records: sinkRecords, context }
}
