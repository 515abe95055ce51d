import Papa from 'papaparse'
import type { IdCollector } from './id-collector'
import { IngestError } from './ingest-error'
import type { Newline } from './line-endings'
import { SINGLE_COLUMN_DELIMITER, type LayoutPlan } from './plan-layout'

/** A quoted row still unfinished after this many characters means a quote was never closed. */
const MAX_QUOTED_CARRY_CHARS = 4_000_000
/**
 * An unquoted row this long is not a row of IDs (a 10 MB notes cell still reads). Each batch
 * parses the unfinished row again, so the cap also bounds that repeated work.
 */
const MAX_ROW_CHARS = 16_000_000

function countQuotes(text: string): number {
  let count = 0
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++
  return count
}

interface ChunkResult {
  data: string[][]
  errors: { row?: number; code: string }[]
  meta: { cursor: number }
}

/**
 * Reads a table chunk by chunk with papaparse's low-level parser: each call parses the complete
 * rows and carries the unfinished last row over to the next chunk. Quotes are handled; papaparse
 * switches to its fast path by itself for chunks without quotes.
 */
export class TableReader {
  /** Data rows read, header excluded. */
  rowsRead = 0
  /** Rows with a malformed quote, as papaparse reported them (1-based, header counted). */
  readonly quoteProblemRows: number[] = []
  private row = 0
  private carry = ''
  private readonly parsers: Record<Newline, Papa.Parser>
  private readonly plan: LayoutPlan
  private readonly collector: IdCollector
  private readonly name: string

  constructor(plan: LayoutPlan, collector: IdCollector, name: string) {
    this.plan = plan
    this.collector = collector
    this.name = name
    const parser = (newline: Newline) =>
      new Papa.Parser({
        delimiter: plan.delimiter ?? SINGLE_COLUMN_DELIMITER,
        newline,
        quoteChar: '"',
      })
    this.parsers = { '\n': parser('\n'), '\r\n': parser('\r\n') }
  }

  /** text: the next part of the input, with `newline` as its only line break; isLast on the final call. */
  push(text: string, isLast: boolean, newline: Newline): void {
    let input = this.carry + text
    this.carry = ''
    // The newline ending the last row does not start another (papaparse would add an empty one).
    if (isLast && input.endsWith(newline)) input = input.slice(0, -newline.length)
    if (input === '') return
    if (this.plan.delimiter === null && input.indexOf('"') === -1) {
      this.pushLines(input, isLast, newline)
      return
    }
    const result: ChunkResult = this.parsers[newline].parse(input, 0, !isLast)
    const firstRow = this.row
    const { idColumn, hasHeader } = this.plan
    const collector = this.collector
    for (const cells of result.data) {
      const row = ++this.row
      if (row === 1 && hasHeader) continue
      this.rowsRead++
      collector.add(cells[idColumn] ?? '', row)
    }
    for (const error of result.errors) {
      if (this.quoteProblemRows.length < 100) {
        this.quoteProblemRows.push(firstRow + (error.row ?? 0) + 1)
      }
    }
    if (!isLast) {
      this.carry = input.slice(result.meta.cursor)
      const row = (this.row + 1).toLocaleString('en-US')
      // Only an open quote (an odd count, as "" inside a quoted value counts twice) makes
      // papaparse read on across line breaks; otherwise the row is simply long.
      if (this.carry.length > MAX_QUOTED_CARRY_CHARS && countQuotes(this.carry) % 2 === 1) {
        throw new IngestError(
          'unclosed-quote',
          `Row ${row} of ${this.name} opens a quote (") that is never closed in the next ${MAX_QUOTED_CARRY_CHARS.toLocaleString('en-US')} characters, so the rest of the file cannot be read as CSV. Fix that row and drop the file again.`,
        )
      }
      if (this.carry.length > MAX_ROW_CHARS) {
        throw new IngestError(
          'row-too-long',
          `Row ${row} of ${this.name} is longer than ${MAX_ROW_CHARS.toLocaleString('en-US')} characters, far more than a row of IDs. Check that this is the export you meant to drop.`,
        )
      }
    }
  }

  /**
   * One column and no quotes: what papaparse's fast mode does (split on the newline, then on the
   * delimiter) minus the second split, which here would only wrap each line in an array.
   */
  private pushLines(input: string, isLast: boolean, newline: Newline): void {
    const lines = input.split(newline)
    if (!isLast) this.carry = lines.pop() ?? ''
    const collector = this.collector
    const skipHeader = this.plan.hasHeader
    for (let i = 0; i < lines.length; i++) {
      const row = ++this.row
      if (row === 1 && skipHeader) continue
      this.rowsRead++
      collector.add(lines[i] ?? '', row)
    }
  }
}
