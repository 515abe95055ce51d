// Reads a properties CSV (a header row naming the columns, one column of user IDs, the others
// property values) with the same pieces the segment pipeline uses: streamText (content and
// encoding detection, progress, cancel), newline normalisation, delimiter sniffing, CsvChunkParser,
// header and ID-column recognition. Unlike a segment file, every cell is kept: the page shows them
// and plans requests from them. A dropped file reaches it through readDroppedFile
// (read-property-file.ts), which also retries a file that changes encoding half-way.
import { formatCount, formatQuantity } from '../../../lib/format'
import { findIdColumn } from '../../../lib/ingest/choose-id-column'
import { CsvChunkParser } from '../../../lib/ingest/csv-chunk-parser'
import { isHeaderRow } from '../../../lib/ingest/detect-header'
import { IngestError } from '../../../lib/ingest/ingest-error'
import { LineBreakNormalizer, toLf, type Newline } from '../../../lib/ingest/line-endings'
import { sampleRecords } from '../../../lib/ingest/sample-records'
import { DELIMITER_CANDIDATES, sniffDelimiter } from '../../../lib/ingest/sniff-delimiter'
import { streamText, type StreamTextOptions } from '../../../lib/ingest/stream-text'
import type { Delimiter, TextEncodingName, WorkbookSummary } from '../../../lib/ingest/types'

export interface PropertyTable {
  name: string
  encoding: TextEncodingName
  /** null for a workbook. */
  delimiter: Delimiter | null
  /** The workbook and sheet the table came from; null for a CSV. */
  workbook: WorkbookSummary | null
  /** Header cells, trimmed; '' for a column the header leaves unnamed. */
  columns: string[]
  /** Data rows, header excluded, blank lines dropped; cells as written (not trimmed). */
  rows: string[][]
  /** A workbook's row numbers as Excel shows them (a CSV's are the index + 2). */
  rowNumbers?: number[]
  /** A workbook's cells that cannot be user IDs, by column and row index (see TableData). */
  idCellExclusions?: Map<number, Map<number, string>>
  /** The column whose header names an ID ("Account ID", "user_id"), else 0. */
  suggestedIdColumn: number
  /** True when no header names an ID column, so column 0 is only a guess. */
  idColumnGuessed: boolean
  /** Sentences about the file as a whole (encoding fallback, ragged rows, broken quotes…). */
  warnings: string[]
  durationMs: number
}

/** What the page gets of a table: everything but its rows and the worker-side lookups. */
export type PropertyTableSummary = Omit<PropertyTable, 'rows' | 'rowNumbers' | 'idCellExclusions'>

/** The name is a file name; `encoding` is set by readDroppedFile's Windows-1252 retry. */
export type ReadPropertyTableOptions = StreamTextOptions

/** Rows kept in memory at most; each cell is a string the page may show. */
export const MAX_PROPERTY_ROWS = 1_000_000

const SAMPLE_CHARS = 64 * 1024
const BATCH_CHARS = 512 * 1024
const MAX_CARRY_CHARS = 4_000_000
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

/** Keeps every row of a properties CSV (see CsvChunkParser), the first one as the header. */
class RowCollector {
  header: string[] | null = null
  readonly rows: string[][] = []
  raggedRows = 0
  firstRaggedRow = 0
  private readonly csv: CsvChunkParser
  private readonly name: string

  constructor(delimiter: Delimiter, name: string) {
    this.name = name
    this.csv = new CsvChunkParser(delimiter)
  }

  /** Rows with a malformed quote, as papaparse reported them (1-based, header counted). */
  get quoteProblemRows(): readonly number[] {
    return this.csv.quoteProblemRows
  }

  /** text: the next part of the input, with `newline` as its only line break between records. */
  push(text: string, isLast: boolean, newline: Newline): void {
    const input = this.csv.take(text)
    if (input === '') return
    const { rows, firstRow } = this.csv.parse(input, isLast, newline)
    rows.forEach((cells, i) => this.add(cells, firstRow + i))
    if (!isLast && this.csv.carry.length > MAX_CARRY_CHARS) {
      throw new IngestError(
        'unclosed-quote',
        `Row ${formatCount(this.csv.rowsParsed + 1)} of ${this.name} opens a quote (") that is never closed, so the rest of the file cannot be read as CSV. Fix that row and choose the file again.`,
      )
    }
  }

  private add(cells: string[], row: number): void {
    if (isBlankRow(cells)) return
    if (this.header === null) {
      this.header = cells.map((cell) => cell.replace(ZERO_WIDTH, '').trim())
      return
    }
    if (cells.length > this.header.length && !isBlankRow(cells.slice(this.header.length))) {
      this.raggedRows += 1
      if (this.firstRaggedRow === 0) this.firstRaggedRow = row
    }
    if (this.rows.length >= MAX_PROPERTY_ROWS) {
      throw new IngestError(
        'too-many-ids',
        `${this.name} has more than ${formatCount(MAX_PROPERTY_ROWS)} rows, more than the browser can show and plan at once. Split it into smaller files and send them one after the other.`,
      )
    }
    this.rows.push(cells.length > this.header.length ? cells.slice(0, this.header.length) : cells)
  }
}

/**
 * The separator the header row uses most, for files too short or too ragged for the sniffer:
 * a properties CSV always has at least two named columns.
 */
function headerDelimiter(header: string): Delimiter | null {
  let best: Delimiter | null = null
  let bestCount = 0
  for (const candidate of DELIMITER_CANDIDATES) {
    let count = 0
    let quoted = false
    for (const char of header) {
      if (char === '"') quoted = !quoted
      else if (char === candidate && !quoted) count += 1
    }
    if (count > bestCount) {
      best = candidate
      bestCount = count
    }
  }
  return best
}

/**
 * Reads a properties CSV into its header and rows, streaming the bytes through the decoder.
 * @example readPropertyTable('user_id;tier\n0012;Gold\n', { name: 'tiers.csv' })
 * // → columns ['user_id', 'tier'], rows [['0012', 'Gold']], delimiter ';', suggestedIdColumn 0
 */
export async function readPropertyTable(
  input: string | AsyncIterable<Uint8Array>,
  options: ReadPropertyTableOptions,
): Promise<PropertyTable> {
  const startedAt = performance.now()
  const { name } = options
  let pending = ''
  let collector: RowCollector | null = null
  let lineBreaks: LineBreakNormalizer | null = null
  let delimiter: Delimiter | null = null

  const feed = (isLast: boolean) => {
    if (collector === null) {
      if (pending.length < SAMPLE_CHARS && !isLast) return
      // Line breaks as LF for the guesses only; the values are read from `pending` as written.
      const sample = toLf(pending.slice(0, SAMPLE_CHARS * 2))
      const lines = sampleRecords(sample, isLast && SAMPLE_CHARS * 2 >= pending.length)
      if (lines.length === 0) throw new IngestError('empty-file', `${name} is empty.`)
      delimiter = sniffDelimiter(lines) ?? headerDelimiter(lines[0] ?? '')
      if (delimiter === null) {
        throw new IngestError(
          'bad-column',
          `${name} has only one column. A properties CSV needs a header row, a column of user IDs and at least one column of values, separated by commas, semicolons or tabs.`,
        )
      }
      collector = new RowCollector(delimiter, name)
      lineBreaks = new LineBreakNormalizer(delimiter)
    }
    if ((pending.length < BATCH_CHARS && !isLast) || lineBreaks === null) return
    const chunk = lineBreaks.push(pending, isLast)
    collector.push(chunk.text, isLast, chunk.newline)
    pending = ''
  }

  const { encoding } = await streamText(input, options, (text, isLast) => {
    pending += text
    feed(isLast)
  })

  const done = collector as RowCollector | null
  if (done === null || done.header === null || delimiter === null) {
    throw new IngestError('empty-file', `${name} is empty.`)
  }
  const columns = done.header
  const byName = findIdColumn(columns)
  const warnings: string[] = []
  if (encoding === 'windows-1252') {
    warnings.push(
      `${name} is not UTF-8 text, so it was read as Windows-1252 (Western European). If accented letters look wrong, save it as CSV UTF-8 and choose it again.`,
    )
  }
  if (!isHeaderRow(columns, done.rows.slice(0, 50))) {
    warnings.push(
      `The first row of ${name} looks like data, not column names. It was read as the header row, because the header names the properties: check that the file starts with one.`,
    )
  }
  if (done.raggedRows > 0) {
    warnings.push(
      `${formatQuantity(done.raggedRows, 'row has', 'rows have')} more cells than the header row names (first: row ${formatCount(done.firstRaggedRow)}); the extra cells were left out.`,
    )
  }
  if (done.quoteProblemRows.length > 0) {
    const rows = done.quoteProblemRows.slice(0, 3).map(formatCount)
    warnings.push(
      `${name} has misplaced quotes (") near row ${rows.join(', ')}; values there may be cut or joined. Check those rows.`,
    )
  }
  if (done.rows.length === 0) warnings.push(`${name} has a header row but no data rows.`)

  return {
    name,
    encoding,
    delimiter,
    workbook: null,
    columns,
    rows: done.rows,
    suggestedIdColumn: byName ?? 0,
    idColumnGuessed: byName === null,
    warnings,
    durationMs: Math.round(performance.now() - startedAt),
  }
}
