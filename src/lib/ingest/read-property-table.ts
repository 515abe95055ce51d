// Reads a properties CSV (a header row naming the columns, one column of user IDs, the others
// property values) with the same pieces the segment pipeline uses: content and encoding
// detection, newline normalisation, delimiter sniffing, header and ID-column recognition.
// Unlike a segment file, every cell is kept: the page shows them and plans requests from them.
import Papa from 'papaparse'
import { formatCount } from '../format'
import { findIdColumn } from './choose-id-column'
import { assertTextContent, createStreamDecoder, detectEncoding, SAMPLE_BYTES } from './decode'
import { isHeaderRow } from './detect-header'
import { cancelledError, IngestError } from './ingest-error'
import { LineBreakNormalizer, toLf } from './line-endings'
import { DELIMITER_CANDIDATES, sniffDelimiter } from './sniff-delimiter'
import type { Delimiter, TextEncodingName } from './types'

export interface PropertyTable {
  name: string
  encoding: TextEncodingName
  delimiter: Delimiter
  /** Header cells, trimmed; '' for a column the header leaves unnamed. */
  columns: string[]
  /** Data rows, header excluded, blank lines dropped; cells as written (not trimmed). */
  rows: string[][]
  /** The column whose header names an ID ("Account ID", "user_id"), else 0. */
  suggestedIdColumn: number
  /** True when no header names an ID column, so column 0 is only a guess. */
  idColumnGuessed: boolean
  /** Sentences about the file as a whole (encoding fallback, ragged rows, broken quotes…). */
  warnings: string[]
  durationMs: number
}

export interface ReadPropertyTableOptions {
  /** File name; used in every sentence. */
  name: string
  totalBytes?: number
  signal?: AbortSignal
  /** Called at most every 50 ms, and once at the end. */
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

/** Rows kept in memory at most; each cell is a string the page may show. */
export const MAX_PROPERTY_ROWS = 1_000_000

const SAMPLE_CHARS = 64 * 1024
const BATCH_CHARS = 512 * 1024
const STRING_SLICE_CHARS = 1024 * 1024
const PROGRESS_INTERVAL_MS = 50
const YIELD_INTERVAL_MS = 30
const MAX_CARRY_CHARS = 4_000_000
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g

interface ChunkResult {
  data: string[][]
  errors: { row?: number }[]
  meta: { cursor: number }
}

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Parses rows chunk by chunk, carrying an unfinished last row over to the next chunk. */
class RowCollector {
  header: string[] | null = null
  readonly rows: string[][] = []
  readonly quoteProblemRows: number[] = []
  raggedRows = 0
  firstRaggedRow = 0
  private row = 0
  private carry = ''
  private readonly parser: Papa.Parser
  private readonly name: string

  constructor(delimiter: Delimiter, name: string) {
    this.name = name
    this.parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' })
  }

  push(text: string, isLast: boolean): void {
    const input = this.carry + text
    this.carry = ''
    if (input === '') return
    const result: ChunkResult = this.parser.parse(input, 0, !isLast)
    const firstRow = this.row
    for (const cells of result.data) {
      this.row += 1
      if (isBlankRow(cells)) continue
      if (this.header === null) {
        this.header = cells.map((cell) => cell.replace(ZERO_WIDTH, '').trim())
        continue
      }
      if (cells.length > this.header.length && !isBlankRow(cells.slice(this.header.length))) {
        this.raggedRows += 1
        if (this.firstRaggedRow === 0) this.firstRaggedRow = this.row
      }
      if (this.rows.length >= MAX_PROPERTY_ROWS) {
        throw new IngestError(
          'too-many-ids',
          `${this.name} has more than ${formatCount(MAX_PROPERTY_ROWS)} rows, more than the browser can show and plan at once. Split it into smaller files and send them one after the other.`,
        )
      }
      this.rows.push(cells.length > this.header.length ? cells.slice(0, this.header.length) : cells)
    }
    for (const error of result.errors) {
      if (this.quoteProblemRows.length < 100) {
        this.quoteProblemRows.push(firstRow + (error.row ?? 0) + 1)
      }
    }
    if (!isLast) {
      this.carry = input.slice(result.meta.cursor)
      if (this.carry.length > MAX_CARRY_CHARS) {
        throw new IngestError(
          'unclosed-quote',
          `Row ${formatCount(this.row + 1)} of ${this.name} opens a quote (") that is never closed, so the rest of the file cannot be read as CSV. Fix that row and choose the file again.`,
        )
      }
    }
  }
}

async function* stringChunks(text: string): AsyncGenerator<string> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  for (let start = 0; start < body.length; start += STRING_SLICE_CHARS) {
    yield body.slice(start, start + STRING_SLICE_CHARS)
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** Decodes bytes to text chunks, deciding the encoding on the first 64 KB. */
async function* decodeChunks(
  input: AsyncIterable<Uint8Array>,
  name: string,
  onBytes: (count: number) => void,
  onEncoding: (encoding: TextEncodingName) => void,
): AsyncGenerator<string> {
  const head: Uint8Array[] = []
  let headBytes = 0
  let decoder: ReturnType<typeof createStreamDecoder> | null = null
  const begin = (sample: Uint8Array, isWholeFile: boolean) => {
    assertTextContent(sample, name)
    const encoding = detectEncoding(sample, isWholeFile)
    onEncoding(encoding)
    return createStreamDecoder(encoding, name)
  }
  for await (const chunk of input) {
    onBytes(chunk.length)
    if (decoder !== null) {
      yield decoder.decode(chunk)
      continue
    }
    head.push(chunk)
    headBytes += chunk.length
    if (headBytes < SAMPLE_BYTES) continue
    const sample = concat(head, headBytes)
    decoder = begin(sample, false)
    yield decoder.decode(sample)
    head.length = 0
  }
  if (decoder === null) {
    if (headBytes === 0) throw new IngestError('empty-file', `${name} is empty.`)
    const sample = concat(head, headBytes)
    decoder = begin(sample, true)
    yield decoder.decode(sample)
  }
  yield decoder.flush()
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

function firstLines(text: string, isWholeText: boolean): string[] {
  const lines = text.split('\n')
  const complete = isWholeText ? lines : lines.slice(0, -1)
  return complete.filter((line) => line.trim() !== '').slice(0, 50)
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
  const { name, signal, onProgress } = options
  const totalBytes = options.totalBytes ?? (typeof input === 'string' ? input.length : 0)
  let encoding = 'text' as TextEncodingName
  let bytesRead = 0
  let lastProgress = -Infinity
  let lastYield = performance.now()
  const report = (force: boolean) => {
    const now = performance.now()
    if (onProgress === undefined || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return
    lastProgress = now
    onProgress(Math.min(bytesRead, totalBytes), totalBytes)
  }

  const texts: AsyncIterable<string> =
    typeof input === 'string'
      ? (async function* () {
          if (input.trim() === '') throw new IngestError('empty-file', `${name} is empty.`)
          for await (const slice of stringChunks(input)) {
            bytesRead += slice.length
            yield slice
          }
        })()
      : decodeChunks(
          input,
          name,
          (count) => (bytesRead += count),
          (detected) => (encoding = detected),
        )

  const normalizer = new LineBreakNormalizer()
  // Cells are kept as strings, so a CRLF file costs one rewrite of each chunk to LF: simpler
  // than a parser that switches line breaks mid-file, and cheap at the sizes a table can have.
  const lf = (text: string, isLast: boolean) => {
    const chunk = normalizer.push(text, isLast)
    return chunk.newline === '\n' ? chunk.text : toLf(chunk.text)
  }
  let pending = ''
  let collector: RowCollector | null = null
  let delimiter: Delimiter | null = null

  const feed = (isLast: boolean) => {
    if (collector === null) {
      if (pending.length < SAMPLE_CHARS && !isLast) return
      const sample = pending.slice(0, SAMPLE_CHARS * 2)
      const lines = firstLines(sample, isLast && sample.length === pending.length)
      if (lines.length === 0) throw new IngestError('empty-file', `${name} is empty.`)
      delimiter = sniffDelimiter(lines) ?? headerDelimiter(lines[0] ?? '')
      if (delimiter === null) {
        throw new IngestError(
          'bad-column',
          `${name} has only one column. A properties CSV needs a header row, a column of user IDs and at least one column of values, separated by commas, semicolons or tabs.`,
        )
      }
      collector = new RowCollector(delimiter, name)
    }
    if (pending.length < BATCH_CHARS && !isLast) return
    collector.push(pending, isLast)
    pending = ''
  }

  for await (const text of texts) {
    if (signal?.aborted) throw cancelledError(name)
    pending += lf(text, false)
    feed(false)
    report(false)
    if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
      await yieldToEventLoop()
      lastYield = performance.now()
      if (signal?.aborted) throw cancelledError(name)
    }
  }
  pending += lf('', true)
  feed(true)
  report(true)

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
      `${formatCount(done.raggedRows)} ${done.raggedRows === 1 ? 'row has' : 'rows have'} more cells than the header row names (first: row ${formatCount(done.firstRaggedRow)}); the extra cells were left out.`,
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
    columns,
    rows: done.rows,
    suggestedIdColumn: byName ?? 0,
    idColumnGuessed: byName === null,
    warnings,
    durationMs: Math.round(performance.now() - startedAt),
  }
}
