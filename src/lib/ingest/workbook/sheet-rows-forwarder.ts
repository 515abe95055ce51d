// A sheet's rows handed, every cell as text, to a caller that keeps rows besides the IDs
// (ParseSourceOptions.keepRows: Segments' "Keep rows where…").
import type { IdCellNote, RowSink } from '../types'
import { cellAsText, type Cell } from './cell'

/** Rows (or ID values) handed over at once. */
export const BATCH_VALUES = 4096

/**
 * Every cell of a sheet's rows as text, for a caller that keeps rows (ParseSourceOptions.keepRows):
 * dates as YYYY-MM-DD, numbers as Excel shows them, and the ID cell as the ID it reads as (or what
 * it showed, with the note saying why it is no ID). Counts each column's date cells on the way.
 */
export class SheetRowsForwarder {
  private readonly sink: RowSink
  private readonly width: number
  private readonly idColumn: number
  private rows: string[][] = []
  private rowNumbers: number[] = []
  private idNotes: (IdCellNote | null)[] = []
  private readonly dateCells: Uint32Array
  private readonly filledCells: Uint32Array

  constructor(sink: RowSink, width: number, idColumn: number) {
    this.sink = sink
    this.width = width
    this.idColumn = idColumn
    this.dateCells = new Uint32Array(width)
    this.filledCells = new Uint32Array(width)
  }

  add(row: number, cells: readonly Cell[], cellCount: number, id: string, note: IdCellNote | null) {
    const texts: string[] = new Array<string>(this.width)
    for (let c = 0; c < this.width; c++) {
      const cell = c < cellCount ? cells[c] : undefined
      if (cell !== undefined && cell.kind !== 'empty') {
        this.filledCells[c] = (this.filledCells[c] as number) + 1
        if (cell.kind === 'date') this.dateCells[c] = (this.dateCells[c] as number) + 1
      }
      texts[c] = c === this.idColumn ? id : cell === undefined ? '' : cellAsText(cell)
    }
    this.rows.push(texts)
    this.rowNumbers.push(row)
    this.idNotes.push(note)
    if (this.rows.length >= BATCH_VALUES) this.flush()
  }

  flush(): void {
    if (this.rows.length === 0) return
    this.sink.addRows(this.rows, 0, 0, { rowNumbers: this.rowNumbers, idNotes: this.idNotes })
    this.rows = []
    this.rowNumbers = []
    this.idNotes = []
  }

  /** The rows left, then the columns mostly of date cells. */
  finish(): void {
    this.flush()
    const dateColumns: number[] = []
    this.dateCells.forEach((dates, column) => {
      if (dates > 0 && dates * 2 >= (this.filledCells[column] as number)) dateColumns.push(column)
    })
    this.sink.excelDateColumns?.(dateColumns)
  }
}
