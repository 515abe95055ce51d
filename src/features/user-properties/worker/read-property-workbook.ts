// A properties table from a workbook: the first row with anything in it names the columns, as in
// a properties CSV, and every cell below becomes the string the property is sent as (cell.ts:
// numbers as Excel shows them, dates as YYYY-MM-DD, booleans as true/false). ID cells that
// cannot be user IDs are remembered, so whichever column the marketer picks for IDs, those rows
// are skipped with a reason.
import { formatCount, formatQuantity } from '../../../lib/format'
import { findIdColumn } from '../../../lib/ingest/choose-id-column'
import { isHeaderRow } from '../../../lib/ingest/detect-header'
import { cancelledError, IngestError } from '../../../lib/ingest/ingest-error'
import { cellAsId, cellAsProperty, cellAsText, type Cell } from '../../../lib/ingest/workbook/cell'
import {
  openWorkbook,
  workbookError,
  type ContainerKind,
} from '../../../lib/ingest/workbook/open-workbook'
import {
  headerName,
  readChosenSheet,
  sheetProgress,
  type CheckedSink,
} from '../../../lib/ingest/workbook/read-sheet'
import { MAX_COLUMNS } from '../../../lib/ingest/workbook/workbook-types'
import { MAX_PROPERTY_ROWS, type PropertyTable } from './read-property-table'

export interface ReadPropertyWorkbookOptions {
  name: string
  sheet?: number
  signal?: AbortSignal
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

const EXCLUSION_WORDS = {
  dateCell: (shown: string) => `a date (${shown})`,
  booleanCell: (shown: string) => `${shown}`,
  errorCell: (shown: string) => `an Excel error (${shown})`,
  decimalCell: (shown: string) => `a number with decimals (${shown})`,
  roundedCell: (shown: string) =>
    `a number with more than 15 digits (${shown}), whose last digits Excel already rounded`,
} as const

class PropertySink implements CheckedSink {
  columnLimit = MAX_COLUMNS
  sawData = false
  header: Cell[] | null = null
  readonly rows: string[][] = []
  readonly rowNumbers: number[] = []
  readonly exclusions = new Map<number, Map<number, string>>()
  /** Per column, the first date seen (the preview says dates are sent as YYYY-MM-DD). */
  readonly firstDate = new Map<number, string>()
  errors = 0
  firstError = ''
  private readonly name: string

  constructor(name: string) {
    this.name = name
  }

  row(row: number, cells: readonly Cell[], width: number): boolean {
    this.sawData = true
    if (this.header === null) {
      this.header = cells.slice(0, width).map((cell) => ({ ...cell }))
      this.columnLimit = width
      return true
    }
    if (this.rows.length >= MAX_PROPERTY_ROWS) {
      throw new IngestError(
        'too-many-ids',
        `${this.name} has more than ${formatCount(MAX_PROPERTY_ROWS)} rows, more than the browser can show and plan at once. Split it into smaller files and send them one after the other.`,
      )
    }
    const index = this.rows.length
    const values: string[] = []
    for (let c = 0; c < width; c++) {
      const cell = cells[c] as Cell
      values.push(cellAsProperty(cell))
      if (cell.kind === 'empty' || cell.kind === 'text') continue
      if (cell.kind === 'date' && !this.firstDate.has(c)) this.firstDate.set(c, cell.text)
      if (cell.kind === 'error' && this.errors++ === 0) this.firstError = cell.text
      const asId = cellAsId(cell)
      if (asId.excluded !== null) {
        let column = this.exclusions.get(c)
        if (column === undefined) {
          column = new Map()
          this.exclusions.set(c, column)
        }
        column.set(index, EXCLUSION_WORDS[asId.excluded](asId.shown))
      }
    }
    this.rows.push(values)
    this.rowNumbers.push(row)
    return true
  }
}

/**
 * Reads one sheet of a workbook as a properties table, in the shape readPropertyTable gives a CSV.
 * e.g. readPropertyWorkbook(file, 'zip', { name: 'members.xlsx' })
 *   → columns ['Account ID', 'member_since'], rows [['0000001', '2019-08-10']], workbook { sheet: 0, … }
 */
export async function readPropertyWorkbook(
  blob: Blob,
  container: ContainerKind,
  options: ReadPropertyWorkbookOptions,
): Promise<PropertyTable> {
  const startedAt = performance.now()
  const { name, signal } = options
  const workbook = await openWorkbook(blob, container, name, signal)
  let chosen
  try {
    chosen = await readChosenSheet(workbook, options.sheet, name, () => new PropertySink(name), {
      signal,
      onProgress: sheetProgress(blob.size, options.onProgress),
    })
  } catch (error) {
    throw signal?.aborted ? cancelledError(name) : workbookError(error, name)
  }
  if (signal?.aborted) throw cancelledError(name)
  const { sink } = chosen
  const header = sink.header ?? []
  const columns = header.map((cell, i) => (cell.kind === 'empty' ? '' : headerName(cell, i)))
  const byName = findIdColumn(columns)
  const warnings = [...chosen.warnings]
  if (!isHeaderRow(header.map(cellAsText), sink.rows.slice(0, 50))) {
    warnings.push(
      `The first row of ${name} looks like data, not column names. It was read as the header row, because the header names the properties: check that the sheet starts with one.`,
    )
  }
  for (const [column, example] of sink.firstDate) {
    warnings.push(
      `Dates in “${columns[column] || `column ${column + 1}`}” are sent as YYYY-MM-DD (like ${example}).`,
    )
  }
  if (sink.errors > 0) {
    warnings.push(
      `${formatQuantity(sink.errors, 'cell holds', 'cells hold')} an Excel error (like ${sink.firstError}); ${sink.errors === 1 ? 'it is' : 'they are'} read as empty, so those properties are left as they are.`,
    )
  }
  if (sink.rows.length === 0) warnings.push(`${name} has a header row but no data rows.`)
  return {
    name,
    encoding: 'utf-8',
    delimiter: null,
    columns,
    rows: sink.rows,
    rowNumbers: sink.rowNumbers,
    idCellExclusions: sink.exclusions,
    workbook: {
      format: workbook.format,
      sheets: workbook.sheets,
      sheet: chosen.sheet,
      sheetRemembered: false,
    },
    suggestedIdColumn: byName ?? 0,
    idColumnGuessed: byName === null,
    warnings,
    durationMs: Math.round(performance.now() - startedAt),
  }
}
