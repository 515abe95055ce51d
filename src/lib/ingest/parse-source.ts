import { headerSignature } from '../reading-memory'
import { IssueRecords, STORED_RECORDS_PER_KIND } from './affected-rows'
import { IdCollector } from './id-collector'
import type { IdList } from './id-list'
import { IngestError } from './ingest-error'
import { summarizeIssues, type IssueContext } from './issue-report'
import { detectLineEnding, LineBreakNormalizer, toLf } from './line-endings'
import { ListReader } from './list-reader'
import { planLayout, SINGLE_COLUMN_DELIMITER, type LayoutPlan } from './plan-layout'
import { streamText, type StreamTextOptions } from './stream-text'
import { TableReader } from './table-reader'
import type {
  IssueKind,
  LineEnding,
  ParsedSummary,
  RowSink,
  SourceKind,
  TextEncodingName,
} from './types'

export interface ParseSourceOptions extends StreamTextOptions {
  kind: SourceKind
  /** Read IDs from this column instead of the automatic choice. */
  idColumn?: number
  /** ID columns chosen for earlier files, by headerSignature; used when idColumn is not given. */
  rememberedIdColumns?: ReadonlyMap<string, number>
  /** Keep every affected row of this kind (a full download), and no others. */
  captureKind?: IssueKind
  /** Affected rows kept per kind otherwise; defaults to STORED_RECORDS_PER_KIND. */
  storedRecordsPerKind?: number
  /**
   * Asked once the layout is known, for a table with a header row and several columns: where its
   * rows go besides the ID column (null: nowhere). A one-column file never pays for it.
   * expectedRows: the file's lines estimated from its size (undefined when the text is short or
   * its size unknown), to make room once.
   */
  keepRows?: (columns: readonly string[], idColumn: number, expectedRows?: number) => RowSink | null
}

export interface ParsedSource {
  summary: ParsedSummary
  /** Unique cleaned IDs in first-seen order. */
  ids: IdList
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
  /** Set with a table reader: record separators to one kind, quoted values untouched. */
  private lineBreaks: LineBreakNormalizer | null = null
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
    if (this.reader instanceof TableReader && this.lineBreaks !== null) {
      const prepared = this.lineBreaks.push(batch, isLast)
      this.reader.push(prepared.text, isLast, prepared.newline)
    } else if (this.reader instanceof ListReader) {
      // A list splits on CR and LF alike: no line-break work needed.
      this.reader.push(batch, isLast)
    }
  }

  private start(rawSample: string, isWholeText: boolean): TableReader | ListReader {
    const { name, kind, idColumn, rememberedIdColumns } = this.options
    if (kind === 'file' && controlShare(rawSample) > 0.01) {
      throw new IngestError(
        'not-text',
        `${name} is not a text file (it contains binary data). Drop a CSV, TSV or TXT file, or paste the IDs.`,
      )
    }
    this.lineEnding = detectLineEnding(rawSample)
    const sample = toLf(rawSample)
    const plan = planLayout({ sample, isWholeText, kind, name, idColumn, rememberedIdColumns })
    this.plan = plan
    const { totalBytes } = this.options
    let expectedLines: number | undefined
    if (!isWholeText && totalBytes !== undefined && sample.length > 0) {
      // Room, made once, for as many IDs as the whole file has lines at the sample's density.
      const sampleLines = sample.split('\n').length - 1
      expectedLines = Math.round((totalBytes * sampleLines) / rawSample.length)
      this.collector.expect(expectedLines)
    }
    if (plan.layout === 'table' && plan.delimiter === null) {
      this.unevenSeparators = unevenSeparators(sample)
    }
    if (plan.layout === 'list') return new ListReader(this.collector, plan.hasHeader)
    this.lineBreaks = new LineBreakNormalizer(plan.delimiter ?? SINGLE_COLUMN_DELIMITER)
    const keepRows =
      plan.hasHeader && plan.columns.length > 1
        ? (this.options.keepRows?.(plan.columns, plan.idColumn, expectedLines) ?? null)
        : null
    return new TableReader(plan, this.collector, name, keepRows)
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
  const { name, kind, captureKind } = options
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

  const { encoding, totalBytes } = await streamText(input, options, (text, isLast) =>
    pipeline.push(text, isLast),
  )

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
    automaticIdColumn: plan.automaticIdColumn,
    idColumnChoice: plan.idColumnChoice,
    headerSignature:
      plan.layout === 'table' && plan.hasHeader ? headerSignature(plan.columns) : null,
    rowsRead: reader instanceof TableReader ? reader.rowsRead : reader.valuesRead,
    uniqueIds: collector.ids.length,
    workbook: null,
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
