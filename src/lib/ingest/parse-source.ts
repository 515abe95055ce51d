import { IssueRecords, STORED_RECORDS_PER_KIND } from './affected-rows'
import { assertTextContent, createStreamDecoder, detectEncoding, SAMPLE_BYTES } from './decode'
import { IdCollector } from './id-collector'
import { cancelledError, IngestError } from './ingest-error'
import { summarizeIssues, type IssueContext } from './issue-report'
import { detectLineEnding, LineBreakNormalizer, toLf } from './line-endings'
import { ListReader } from './list-reader'
import { planLayout, type LayoutPlan } from './plan-layout'
import { TableReader } from './table-reader'
import type { IssueKind, LineEnding, SourceKind, SourceSummary, TextEncodingName } from './types'

export interface ParseSourceOptions {
  /** File name, or a label such as "Pasted text"; used in every sentence. */
  name: string
  kind: SourceKind
  /** Size of the input for progress (bytes; characters for a string). Defaults to the string's length. */
  totalBytes?: number
  /** Read IDs from this column instead of the automatic choice. */
  idColumn?: number
  /** Skip detection and decode with this encoding (used when reading a file again). */
  encoding?: TextEncodingName
  /** Aborting it rejects with IngestError('cancelled') before the next chunk. */
  signal?: AbortSignal
  /** Called at most every 50 ms, and once at the end. */
  onProgress?: (bytesRead: number, totalBytes: number) => void
  /** Keep every affected row of this kind (a full download), and no others. */
  captureKind?: IssueKind
  /** Affected rows kept per kind otherwise; defaults to STORED_RECORDS_PER_KIND. */
  storedRecordsPerKind?: number
}

/** Everything in a SourceSummary that reading the text tells. */
export type ParsedSummary = Omit<SourceSummary, 'sourceId' | 'sha256'>

export interface ParsedSource {
  summary: ParsedSummary
  /** Unique cleaned IDs in first-seen order. */
  ids: string[]
  /** rows[i]: the row ids[i] was first seen in. */
  rows: number[]
  records: IssueRecords
  context: IssueContext
}

/** Characters analysed to choose the layout, and the size of the text handed to the parser at once. */
const SAMPLE_CHARS = 64 * 1024
/**
 * The sample grows past SAMPLE_CHARS until it holds this many complete lines (a header and two
 * rows), up to MAX_SAMPLE_CHARS: a 5,000-column export has lines of tens of KB, and planning from
 * its header alone would read it as a list of values.
 */
const MIN_SAMPLE_LINES = 3
const MAX_SAMPLE_CHARS = 4 * 1024 * 1024
const BATCH_CHARS = 512 * 1024
const STRING_SLICE_CHARS = 1024 * 1024
const PROGRESS_INTERVAL_MS = 50
/** Longest stretch of work before letting the worker take messages (a Cancel) again. */
const YIELD_INTERVAL_MS = 30

/** Share of characters no ID file contains (NUL and other C0 controls): high in binary data. */
function controlShare(sample: string): number {
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) controls++
  }
  return sample.length === 0 ? 0 : controls / sample.length
}

/** Index just past the `count`-th line break of `text` (CRLF counts once), or -1 when it has fewer. */
function endOfLines(text: string, count: number): number {
  const lineBreak = /\r\n|\r|\n/g
  for (let found = 0; found < count; found++) {
    if (lineBreak.exec(text) === null) return -1
  }
  return lineBreak.lastIndex
}

const SEPARATOR_NAMES: readonly [string, string][] = [
  [',', 'commas'],
  [';', 'semicolons'],
  ['\t', 'tabs'],
  ['|', 'pipes'],
]

/**
 * The separators a sample read as one column still holds in at least half of its lines: rows
 * split unevenly, e.g. some by commas and some by semicolons.
 * e.g. "id,name\n1;Ann\n2,Bo\n" → ['commas', 'semicolons']; "id\n1\n2\n" → []
 */
function unevenSeparators(sample: string): string[] {
  const lines = sample
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 50)
  const withSeparator = lines.filter((line) => /[,;\t|]/.test(line)).length
  if (lines.length < 2 || withSeparator < lines.length / 2) return []
  return SEPARATOR_NAMES.filter(([separator]) =>
    lines.some((line) => line.includes(separator)),
  ).map(([, label]) => label)
}

/** Collects text until the layout can be planned, then feeds a table or list reader in batches. */
class TextPipeline {
  plan: LayoutPlan | null = null
  lineEnding: LineEnding = 'none'
  reader: TableReader | ListReader | null = null
  private readonly lineBreaks = new LineBreakNormalizer()
  private pending: string[] = []
  private pendingChars = 0
  private sampleTarget = SAMPLE_CHARS
  /** Separators seen in a one-column table's rows: a sign they do not split the same way. */
  unevenSeparators: string[] = []
  private readonly collector: IdCollector
  private readonly options: ParseSourceOptions

  constructor(collector: IdCollector, options: ParseSourceOptions) {
    this.collector = collector
    this.options = options
  }

  push(text: string, isLast: boolean): void {
    if (text !== '') {
      this.pending.push(text)
      this.pendingChars += text.length
    }
    const threshold = this.reader === null ? this.sampleTarget : BATCH_CHARS
    if (this.pendingChars < threshold && !isLast) return
    const batch = this.pending.join('')
    if (this.reader === null) {
      const linesEnd = endOfLines(batch, MIN_SAMPLE_LINES)
      if (linesEnd === -1 && !isLast && batch.length < MAX_SAMPLE_CHARS) {
        // Look again once the text has doubled, so long lines are not scanned over and over.
        this.pending = [batch]
        this.sampleTarget = Math.min(MAX_SAMPLE_CHARS, batch.length * 2)
        return
      }
      const sampleChars = Math.min(MAX_SAMPLE_CHARS, Math.max(SAMPLE_CHARS, linesEnd))
      const sample = batch.slice(0, sampleChars)
      const isWholeText = isLast && batch.length <= sampleChars
      // A header then a row longer than the whole sample: plan from both, the row's start
      // included, rather than from the header alone (which would read as a list of values).
      const headerThenLongRow =
        !isWholeText && endOfLines(sample, 1) !== -1 && endOfLines(sample, 2) === -1
      this.reader = this.start(sample, isWholeText || headerThenLongRow)
    }
    this.pending = []
    this.pendingChars = 0
    if (this.reader instanceof TableReader) {
      const prepared = this.lineBreaks.push(batch, isLast)
      this.reader.push(prepared.text, isLast, prepared.newline)
    } else {
      // A list splits on CR and LF alike: no line-break work needed.
      this.reader.push(batch, isLast)
    }
  }

  private start(rawSample: string, isWholeText: boolean): TableReader | ListReader {
    const { name, kind, idColumn } = this.options
    if (kind === 'file' && controlShare(rawSample) > 0.01) {
      throw new IngestError(
        'not-text',
        `${name} is not a text file (it contains binary data). Drop a CSV, TSV or TXT file, or paste the IDs.`,
      )
    }
    this.lineEnding = detectLineEnding(rawSample)
    const sample = toLf(rawSample)
    const plan = planLayout({ sample, isWholeText, kind, name, idColumn })
    this.plan = plan
    if (plan.layout === 'table' && plan.delimiter === null) {
      this.unevenSeparators = unevenSeparators(sample)
    }
    return plan.layout === 'table'
      ? new TableReader(plan, this.collector, name)
      : new ListReader(this.collector, plan.hasHeader)
  }
}

/**
 * Lets the worker's event loop run (a Cancel message arrives that way). A MessageChannel round
 * trip rather than setTimeout(0), which browsers clamp to 4 ms once timers nest.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

async function* stringChunks(text: string): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += STRING_SLICE_CHARS) {
    yield text.slice(start, start + STRING_SLICE_CHARS)
  }
}

function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0]
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** Turns bytes into text chunks: sniffs content and encoding on the first 64 KB, then streams. */
async function* decodedChunks(
  input: AsyncIterable<Uint8Array>,
  name: string,
  forced: TextEncodingName | undefined,
  onBytes: (count: number) => void,
  onEncoding: (encoding: TextEncodingName) => void,
): AsyncGenerator<string> {
  const head: Uint8Array[] = []
  let headBytes = 0
  let decoder: ReturnType<typeof createStreamDecoder> | null = null
  for await (const chunk of input) {
    onBytes(chunk.length)
    if (decoder !== null) {
      yield decoder.decode(chunk)
      continue
    }
    head.push(chunk)
    headBytes += chunk.length
    if (headBytes < SAMPLE_BYTES) continue
    decoder = startDecoder(concatBytes(head, headBytes), false)
    yield decoder.decode(concatBytes(head, headBytes))
    head.length = 0
  }
  if (decoder === null) {
    if (headBytes === 0) throw new IngestError('empty-file', `${name} is empty.`)
    const sample = concatBytes(head, headBytes)
    decoder = startDecoder(sample, true)
    yield decoder.decode(sample)
  }
  yield decoder.flush()

  function startDecoder(sample: Uint8Array, isWholeFile: boolean) {
    assertTextContent(sample, name)
    const encoding = forced ?? detectEncoding(sample, isWholeFile)
    onEncoding(encoding)
    return createStreamDecoder(encoding, name)
  }
}

function warningsFor(
  name: string,
  encoding: TextEncodingName,
  plan: LayoutPlan,
  reader: TableReader | ListReader,
  uniqueIds: number,
  separators: readonly string[],
): string[] {
  const warnings: string[] = []
  if (separators.length > 0) {
    const seen =
      separators.length === 1
        ? separators[0]
        : `${separators.slice(0, -1).join(', ')} and ${separators.at(-1)}`
    warnings.push(
      `The rows of ${name} do not split into the same columns (it has ${seen} in different places), so each whole row was read as one ID. Open it in a spreadsheet, save it as CSV and drop it again.`,
    )
  }
  if (encoding === 'windows-1252') {
    warnings.push(
      `${name} is not UTF-8 text, so it was read as Windows-1252 (Western European). If accented letters look wrong, save it as CSV UTF-8 and drop it again.`,
    )
  }
  if (plan.idColumnGuessed) {
    warnings.push(
      `No column of ${name} is named like an ID column (such as "Account ID"), so IDs were read from the first column, "${plan.columns[0] ?? ''}". Pick another column if that is wrong.`,
    )
  }
  if (reader instanceof TableReader && reader.quoteProblemRows.length > 0) {
    const rows = reader.quoteProblemRows.slice(0, 3).map((row) => row.toLocaleString('en-US'))
    warnings.push(
      `${name} has misplaced quotes (") near row ${rows.join(', ')}; values there may be cut or joined. Check those rows.`,
    )
  }
  if (uniqueIds === 0) warnings.push(`No IDs were found in ${name}.`)
  return warnings
}

/**
 * Reads one source (bytes of a file, or pasted text) into its unique cleaned IDs and a summary,
 * streaming: a 10-million-row file never exists as one string or as row objects.
 * e.g. parseSource("Account ID\n0012\n0012\n1.2E+11\n", { name: "a.csv", kind: "file" })
 *   → ids ["0012"], summary.hasHeader true, issues: 1 duplicate, 1 scientific
 */
export async function parseSource(
  input: string | AsyncIterable<Uint8Array>,
  options: ParseSourceOptions,
): Promise<ParsedSource> {
  const startedAt = performance.now()
  const { name, kind, signal, onProgress, captureKind } = options
  const totalBytes = options.totalBytes ?? (typeof input === 'string' ? input.length : 0)
  const storeLimit = options.storedRecordsPerKind ?? STORED_RECORDS_PER_KIND
  const records = new IssueRecords((recordKind) =>
    captureKind === undefined
      ? storeLimit
      : recordKind === captureKind
        ? Number.POSITIVE_INFINITY
        : 0,
  )
  const collector = new IdCollector(records, name)
  const pipeline = new TextPipeline(collector, options)

  let encoding: TextEncodingName = 'text'
  let bytesRead = 0
  let lastProgress = -Infinity
  let lastYield = performance.now()
  const report = (force: boolean): void => {
    const now = performance.now()
    if (onProgress === undefined || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return
    lastProgress = now
    onProgress(Math.min(bytesRead, totalBytes), totalBytes)
  }

  let texts: AsyncIterable<string>
  if (typeof input === 'string') {
    if (input.trim() === '') throw new IngestError('empty-file', `${name} is empty.`)
    // A string keeps a BOM that TextDecoder would have dropped.
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
    texts = (async function* () {
      for await (const slice of stringChunks(text)) {
        bytesRead += slice.length
        yield slice
      }
    })()
  } else {
    texts = decodedChunks(
      input,
      name,
      options.encoding,
      (count) => {
        bytesRead += count
      },
      (detected) => {
        encoding = detected
      },
    )
  }

  for await (const text of texts) {
    if (signal?.aborted) throw cancelledError(name)
    pipeline.push(text, false)
    report(false)
    if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
      await yieldToEventLoop()
      lastYield = performance.now()
      if (signal?.aborted) throw cancelledError(name)
    }
  }
  pipeline.push('', true)
  report(true)

  const { plan, reader } = pipeline
  if (plan === null || reader === null) throw new IngestError('empty-file', `${name} is empty.`)
  const mixedLengths = collector.finish()
  const columnName = plan.layout === 'list' ? name : (plan.columns[plan.idColumn] ?? name)
  const context: IssueContext = { sourceName: name, columnName, mixedLengths }
  const summary: ParsedSummary = {
    name,
    kind,
    sizeBytes: totalBytes,
    encoding,
    layout: plan.layout,
    delimiter: plan.delimiter,
    lineEnding: pipeline.lineEnding,
    hasHeader: plan.hasHeader,
    columns: plan.columns,
    idColumn: plan.idColumn,
    rowsRead: reader instanceof TableReader ? reader.rowsRead : reader.valuesRead,
    uniqueIds: collector.ids.length,
    issues: summarizeIssues(records, context),
    warnings: warningsFor(
      name,
      encoding,
      plan,
      reader,
      collector.ids.length,
      pipeline.unevenSeparators,
    ),
    durationMs: Math.round(performance.now() - startedAt),
  }
  return { summary, ids: collector.ids, rows: collector.rows, records, context }
}
