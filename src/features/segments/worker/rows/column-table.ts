// Every column of an export kept compactly in the worker, as the chunked parser hands rows over:
// per column a dictionary (see string-dictionary.ts: the values in first-seen order) and one code
// per row, as narrow as the column's distinct values allow, and no object per row. The issue's
// 1,000,000 rows × 20 columns cost 35 MB of codes plus the distinct values, which is what lets the
// page filter and split a ticketing export in memory.
import { StringDictionary } from '../../../../lib/ingest/string-dictionary'
import type { IdCellNote, SheetRowDetail } from '../../../../lib/ingest/types'
import type { CodeArray, CodedColumn, CodedTable } from '../../domain/rows/coded-column'

/** Rows of room added at least each time the code arrays grow (then doubling). */
export const CODE_CHUNK_ROWS = 65_536
/**
 * V8 keeps a substring shorter than this as its own copy; a longer one may be a view into the
 * whole parsed chunk, which would keep every chunk of the file alive through one value each.
 */
const SLICE_MIN_LENGTH = 13

/** A table of rows read column by column. */
export interface ColumnTable extends CodedTable {
  readonly columns: readonly CodedColumn[]
  /** rowNumbers[row]: the row as a spreadsheet shows it (header is row 1), for issue reports. */
  readonly rowNumbers: Uint32Array
  /** Index into columns of the ID column. */
  readonly idColumn: number
  /** Rows that had more cells than the header has names; the extra cells are not kept. */
  readonly rowsWithExtraCells: number
  /**
   * A workbook's notes on its ID cells, idNotes[row] an index into ID_CELL_NOTES plus one (0: no
   * note); null for a CSV, whose ID cells are plain text.
   */
  readonly idNotes: Uint8Array | null
  /** Names of a workbook's columns of Excel date cells, whose plain numbers are date serials. */
  readonly excelDateColumns: ReadonlySet<string>
}

/** The notes a workbook's ID cell can carry, coded in ColumnTable.idNotes. */
export const ID_CELL_NOTES: readonly IdCellNote[] = [
  'zeroPadded',
  'dateCell',
  'booleanCell',
  'errorCell',
  'decimalCell',
  'roundedCell',
]

/** A copy of a string that holds no reference to the text it was cut from. */
function ownCopy(value: string): string {
  return value.length < SLICE_MIN_LENGTH ? value : (' ' + value).slice(1)
}

class ColumnBuilder {
  readonly name: string
  readonly dictionary = new StringDictionary(ownCopy)
  /** Bytes until the 257th value, then 16 bits until the 65,537th, then 32. */
  codes: CodeArray
  /** The largest code `codes` holds. */
  private limit = 0xff

  constructor(name: string, capacity: number) {
    this.name = name
    this.codes = new Uint8Array(capacity)
  }

  /** Codes `cell` as row `row`'s. */
  put(row: number, cell: string): void {
    const code = this.dictionary.codeOf(cell)
    if (code > this.limit) this.widen()
    this.codes[row] = code
  }

  private widen(): void {
    const narrow = this.codes
    const wider =
      narrow instanceof Uint8Array ? new Uint16Array(narrow.length) : new Uint32Array(narrow.length)
    wider.set(narrow)
    this.codes = wider
    this.limit = wider instanceof Uint16Array ? 0xffff : 0xffff_ffff
  }
}

/**
 * Builds a ColumnTable row by row.
 * e.g. new ColumnTableBuilder(["Account ID", "Plan"], 0); addRows([["1", "Gold"], ["2", "Gold"]], 2)
 *   → Plan: values ["Gold"], codes [0, 0]; rowNumbers [2, 3]
 */
export class ColumnTableBuilder {
  private readonly columns: ColumnBuilder[]
  private readonly idColumn: number
  private rowNumbers: Uint32Array
  private rowCount = 0
  private rowsWithExtraCells = 0
  private idNotes: Uint8Array | null = null
  private excelDateColumns = new Set<string>()

  /** expectedRows: room made at once (e.g. estimated from the file size), grown past if needed. */
  constructor(header: readonly string[], idColumn: number, expectedRows = CODE_CHUNK_ROWS) {
    if (idColumn < 0 || idColumn >= header.length) {
      throw new RangeError(`The ID column ${idColumn} is not one of the ${header.length} columns.`)
    }
    const capacity = Math.max(1, expectedRows)
    this.columns = header.map((name) => new ColumnBuilder(name, capacity))
    this.idColumn = idColumn
    this.rowNumbers = new Uint32Array(capacity)
  }

  get rowsRead(): number {
    return this.rowCount
  }

  /**
   * Adds rows[from…] (cells as the CSV parser or a sheet gives them: a short row's missing cells
   * are blank). rows[0] is row `firstRow`, each next one the next row, unless `sheet` gives the
   * row of rows[i] (a sheet's rows, gaps included) and the note on its ID cell.
   */
  addRows(
    rows: readonly (readonly string[])[],
    firstRow: number,
    from = 0,
    sheet?: SheetRowDetail,
  ): void {
    const count = rows.length - from
    if (count <= 0) return
    this.reserve(this.rowCount + count)
    const columns = this.columns
    const width = columns.length
    for (let i = from; i < rows.length; i++) {
      const cells = rows[i] as readonly string[]
      const row = this.rowCount++
      for (let c = 0; c < width; c++) {
        const column = columns[c] as ColumnBuilder
        column.put(row, cells[c] ?? '')
      }
      if (cells.length > width) this.rowsWithExtraCells++
      this.rowNumbers[row] = sheet === undefined ? firstRow + i : (sheet.rowNumbers[i] as number)
      const note = sheet?.idNotes[i] ?? null
      if (note !== null) this.noteId(row, note)
    }
  }

  /** Marks these columns (by index) as Excel date columns. */
  markExcelDateColumns(columns: readonly number[]): void {
    for (const column of columns) {
      const name = this.columns[column]?.name
      if (name !== undefined) this.excelDateColumns.add(name)
    }
  }

  private noteId(row: number, note: IdCellNote): void {
    // Allocated at the first note: a CSV, and most sheets, never pay for it.
    this.idNotes ??= new Uint8Array(this.rowNumbers.length)
    this.idNotes[row] = ID_CELL_NOTES.indexOf(note) + 1
  }

  private reserve(rows: number): void {
    const capacity = this.rowNumbers.length
    if (rows <= capacity) return
    const grown = Math.max(rows, capacity * 2, capacity + CODE_CHUNK_ROWS)
    for (const column of this.columns) column.codes = grow(column.codes, grown)
    this.rowNumbers = grow(this.rowNumbers, grown)
    if (this.idNotes !== null) this.idNotes = grow(this.idNotes, grown)
  }

  /** The table; the builder is not used after. Code arrays are trimmed to the rows read. */
  finish(): ColumnTable {
    const rowCount = this.rowCount
    const columns: CodedColumn[] = this.columns.map((column) => ({
      name: column.name,
      values: column.dictionary.values,
      codes: trim(column.codes, rowCount),
    }))
    return {
      rowCount,
      columns,
      rowNumbers: trim(this.rowNumbers, rowCount),
      idColumn: this.idColumn,
      rowsWithExtraCells: this.rowsWithExtraCells,
      idNotes: this.idNotes === null ? null : trim(this.idNotes, rowCount),
      excelDateColumns: this.excelDateColumns,
    }
  }
}

function grow<T extends CodeArray>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(length)
  grown.set(array)
  return grown
}

// A copy rather than a subarray when much is unused, so the spare room is given back.
function trim<T extends CodeArray>(array: T, length: number): T {
  if (array.length === length) return array
  return (
    array.length - length > CODE_CHUNK_ROWS ? array.slice(0, length) : array.subarray(0, length)
  ) as T
}
