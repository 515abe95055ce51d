import Papa from 'papaparse'
import type { Newline } from './line-endings'

interface ChunkResult {
  data: string[][]
  errors: { row?: number }[]
  meta: { cursor: number }
}

/** Rows with a malformed quote remembered at most; a sentence names only the first few. */
const MAX_QUOTE_PROBLEM_ROWS = 100

/** Rows (or lines) read from one chunk; rows[i] is row number firstRow + i. */
export interface ChunkRows<T> {
  rows: T[]
  firstRow: number
}

/**
 * Reads a table chunk by chunk with papaparse's low-level parser: each chunk's complete rows are
 * parsed and the unfinished last row is carried over to the next chunk. Quotes are handled;
 * papaparse switches to its fast path by itself for chunks without quotes. The readers built on it
 * decide what a row means and how long an unfinished row may grow.
 * e.g. take("id,name\n1,A"), parse(…, false, "\n") → rows [["id","name"]], firstRow 1; carry "1,A"
 */
export class CsvChunkParser {
  /** Rows with a malformed quote, as papaparse reported them (1-based, header counted). */
  readonly quoteProblemRows: number[] = []
  private rowCount = 0
  private carried = ''
  private readonly parsers: Record<Newline, Papa.Parser>

  constructor(delimiter: string) {
    const parser = (newline: Newline) => new Papa.Parser({ delimiter, newline, quoteChar: '"' })
    this.parsers = { '\n': parser('\n'), '\r\n': parser('\r\n') }
  }

  /** Rows read so far, header and blank rows counted: the number of the last complete row. */
  get rowsParsed(): number {
    return this.rowCount
  }

  /** The unfinished last row, waiting for the next chunk. */
  get carry(): string {
    return this.carried
  }

  /** The text to read next: the unfinished row carried over, then `text`. */
  take(text: string): string {
    const input = this.carried + text
    this.carried = ''
    return input
  }

  /** Parses `input` (from take) with `newline` as its only line break between records; every row when isLast. */
  parse(input: string, isLast: boolean, newline: Newline): ChunkRows<string[]> {
    const result: ChunkResult = this.parsers[newline].parse(input, 0, !isLast)
    const before = this.rowCount
    for (const error of result.errors) {
      if (this.quoteProblemRows.length < MAX_QUOTE_PROBLEM_ROWS) {
        this.quoteProblemRows.push(before + (error.row ?? 0) + 1)
      }
    }
    if (!isLast) this.carried = input.slice(result.meta.cursor)
    this.rowCount += result.data.length
    return { rows: result.data, firstRow: before + 1 }
  }

  /**
   * Splits `input` (from take) into lines, for one column without quotes: what papaparse's fast
   * mode does minus the second split, which there would only wrap each line in an array.
   */
  splitLines(input: string, isLast: boolean, newline: Newline): ChunkRows<string> {
    const lines = input.split(newline)
    if (!isLast) this.carried = lines.pop() ?? ''
    const firstRow = this.rowCount + 1
    this.rowCount += lines.length
    return { rows: lines, firstRow }
  }
}
