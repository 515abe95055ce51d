import { CsvChunkParser } from './csv-chunk-parser'
import type { IdCollector } from './id-collector'
import { IngestError } from './ingest-error'
import type { Newline } from './line-endings'
import { SINGLE_COLUMN_DELIMITER, type LayoutPlan } from './plan-layout'
import type { RowSink } from './types'

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

/**
 * Reads the ID column of a table chunk by chunk (see CsvChunkParser): each call reads the complete
 * rows and carries the unfinished last row over to the next chunk.
 */
export class TableReader {
  /** Data rows read, header excluded. */
  rowsRead = 0
  private readonly csv: CsvChunkParser
  private readonly plan: LayoutPlan
  private readonly collector: IdCollector
  private readonly name: string
  private readonly rowSink: RowSink | null

  /** rowSink: also given every parsed row's cells (see ParseSourceOptions.keepRows). */
  constructor(
    plan: LayoutPlan,
    collector: IdCollector,
    name: string,
    rowSink: RowSink | null = null,
  ) {
    this.plan = plan
    this.collector = collector
    this.name = name
    this.rowSink = rowSink
    this.csv = new CsvChunkParser(plan.delimiter ?? SINGLE_COLUMN_DELIMITER)
  }

  /** Rows with a malformed quote, as papaparse reported them (1-based, header counted). */
  get quoteProblemRows(): readonly number[] {
    return this.csv.quoteProblemRows
  }

  /** text: the next part of the input, with `newline` as its only line break between records (see LineBreakNormalizer); isLast on the final call. */
  push(text: string, isLast: boolean, newline: Newline): void {
    let input = this.csv.take(text)
    // The newline ending the last row does not start another (papaparse would add an empty one).
    if (isLast && input.endsWith(newline)) input = input.slice(0, -newline.length)
    if (input === '') return
    const { idColumn, hasHeader } = this.plan
    const collector = this.collector
    // Row 1 is the header when the file has one.
    const skipHeader = (firstRow: number) => (firstRow === 1 && hasHeader ? 1 : 0)
    if (this.plan.delimiter === null && input.indexOf('"') === -1) {
      const { rows: lines, firstRow } = this.csv.splitLines(input, isLast, newline)
      const from = skipHeader(firstRow)
      this.rowsRead += Math.max(0, lines.length - from)
      collector.addAll(lines, firstRow, from)
      return
    }
    const { rows, firstRow } = this.csv.parse(input, isLast, newline)
    const from = skipHeader(firstRow)
    this.rowsRead += Math.max(0, rows.length - from)
    collector.addAll(
      rows.map((row) => row[idColumn] ?? ''),
      firstRow,
      from,
    )
    this.rowSink?.addRows(rows, firstRow, from)
    if (!isLast) this.checkCarry()
  }

  private checkCarry(): void {
    const carry = this.csv.carry
    const row = (this.csv.rowsParsed + 1).toLocaleString('en-US')
    // Only an open quote (an odd count, as "" inside a quoted value counts twice) makes
    // papaparse read on across line breaks; otherwise the row is simply long.
    if (carry.length > MAX_QUOTED_CARRY_CHARS && countQuotes(carry) % 2 === 1) {
      throw new IngestError(
        'unclosed-quote',
        `Row ${row} of ${this.name} opens a quote (") that is never closed in the next ${MAX_QUOTED_CARRY_CHARS.toLocaleString('en-US')} characters, so the rest of the file cannot be read as CSV. Fix that row and drop the file again.`,
      )
    }
    if (carry.length > MAX_ROW_CHARS) {
      throw new IngestError(
        'row-too-long',
        `Row ${row} of ${this.name} is longer than ${MAX_ROW_CHARS.toLocaleString('en-US')} characters, far more than a row of IDs. Check that this is the export you meant to drop.`,
      )
    }
  }
}
