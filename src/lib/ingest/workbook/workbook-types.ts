import type { SheetInfo, WorkbookFormat } from '../types'
import type { Cell } from './cell'

export type { SheetInfo, WorkbookFormat }

/**
 * Receives a sheet's rows in order. `cells[0…width-1]` are the row's cells up to its last one
 * that holds anything (missing ones are empty cells); the array and its cells are reused, so
 * read them during the call. `row` is the row number Excel shows.
 */
export interface RowSink {
  /** Columns from this index on are not needed: the reader may skip them. */
  columnLimit: number
  /** Returns false to stop reading the sheet. */
  row(row: number, cells: readonly Cell[], width: number): boolean
}

export interface ReadSheetOptions {
  signal?: AbortSignal
  /** Share of the sheet read so far, 0–1, as often as the reader likes. */
  onProgress?: (fraction: number) => void
}

/** An opened workbook: its sheets, and a way to stream one of them. */
export interface Workbook {
  format: WorkbookFormat
  sheets: SheetInfo[]
  readSheet(index: number, sink: RowSink, options?: ReadSheetOptions): Promise<void>
}

/** Excel's limits: a sheet has at most 1,048,576 rows and 16,384 columns (A to XFD). */
export const MAX_ROWS = 1_048_576
export const MAX_COLUMNS = 16_384

/**
 * Column letters as an index.
 * e.g. columnIndex("A") → 0; columnIndex("AB") → 27; columnIndex("XFD") → 16383
 */
export function columnIndex(letters: string): number {
  let index = 0
  for (let i = 0; i < letters.length; i++) index = index * 26 + (letters.charCodeAt(i) - 64)
  return index - 1
}

/** e.g. columnLetters(0) → "A"; columnLetters(27) → "AB" */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}
