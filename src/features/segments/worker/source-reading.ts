// Reading one Segments source: the shared dropped-file reader with the workspace's limit on kept
// affected rows, its rows collected for "Keep rows where…", and its SHA-256 fingerprint for the
// history (fingerprint.ts), computed while the file is parsed when it can be.
import type { IssueRecords } from '../../../lib/ingest/affected-rows'
import type { IdList } from '../../../lib/ingest/id-list'
import { cancelledError } from '../../../lib/ingest/ingest-error'
import type { IssueContext } from '../../../lib/ingest/issue-report'
import {
  parseDroppedSource,
  type ParseDroppedSourceOptions,
} from '../../../lib/ingest/parse-dropped-source'
import type { ParsedSource } from '../../../lib/ingest/parse-source'
import type { IssueKind } from '../../../lib/ingest/types'
import { concurrentFingerprint, fingerprint, type LargeFileHasher } from './fingerprint'
import type { ColumnTable } from './rows/column-table'
import { SourceRowsReader } from './rows/source-rows'
import type { ProgressCallback, SourceSummary } from './types'

/**
 * What was given to read, kept to read it again (another ID column or sheet, or a full
 * affected-rows download), with the sheet asked for and the one read when nothing was asked.
 */
export interface SourceInput {
  name: string
  kind: 'file' | 'paste'
  input: Blob | string
  /** The sheet the marketer chose; undefined reads the remembered or automatic one. */
  sheet?: number
  /** The sheet read when nothing was chosen or remembered: choosing it again forgets the choice. */
  automaticSheet?: number
}

/** How one reading of a source is asked for. */
export interface ReadOptions {
  idColumn?: number
  rememberedIdColumns?: ReadonlyMap<string, number>
  rememberedSheets?: ReadonlyMap<string, string>
  /** Said on the source's card beside what reading it found. */
  warnings?: readonly string[]
}

/** One source as read: its summary, unique IDs, and the affected rows kept to explain them. */
export interface SourceEntry {
  summary: SourceSummary
  ids: IdList
  rows: number[]
  records: IssueRecords
  context: IssueContext
}

/** A source read, with its rows when it has a header row and several columns. */
export interface SourceReadResult {
  entry: SourceEntry
  table: ColumnTable | null
}

/** Reads sources with one limit on the affected rows each keeps in memory per kind. */
export class SourceReader {
  private readonly storedRecordsPerKind: number | undefined
  private readonly hashLargeFile: LargeFileHasher | undefined

  /** hashLargeFile: hashes a file above 64 MB elsewhere while it is parsed (none: after, here). */
  constructor(storedRecordsPerKind: number | undefined, hashLargeFile?: LargeFileHasher) {
    this.storedRecordsPerKind = storedRecordsPerKind
    this.hashLargeFile = hashLargeFile
  }

  /**
   * Reads source `sourceId` from what was given, fingerprinted; rejects with code 'cancelled'
   * when `signal` stops it.
   */
  async read(
    sourceId: string,
    source: SourceInput,
    options: ReadOptions,
    signal: AbortSignal,
    onProgress: ProgressCallback | undefined,
  ): Promise<SourceReadResult> {
    const { name, kind, input } = source
    const early = concurrentFingerprint(input, this.hashLargeFile, signal)
    // A failed parse makes nobody wait for the early fingerprint; keep its rejection quiet.
    early?.catch(() => undefined)
    const rowsReader = new SourceRowsReader()
    const parsed = await this.parse(input, {
      keepRows: (columns, idColumn, expectedRows) =>
        rowsReader.start(columns, idColumn, expectedRows),
      name,
      kind,
      idColumn: options.idColumn,
      rememberedIdColumns: options.rememberedIdColumns,
      sheet: source.sheet,
      rememberedSheets: options.rememberedSheets,
      signal,
      onProgress: (bytesRead, totalBytes) =>
        onProgress?.({ sourceId, name, bytesRead, totalBytes }),
    })
    const { sha256, sizeBytes } = await (early ?? fingerprint(input))
    if (signal.aborted) throw cancelledError(name)
    const warnings = [
      ...parsed.summary.warnings,
      ...(options.warnings ?? []),
      ...(sha256 === null
        ? [`${name} is larger than 512 MB, so no SHA-256 fingerprint was computed for the history.`]
        : []),
    ]
    const entry: SourceEntry = {
      summary: { sourceId, sha256, ...parsed.summary, sizeBytes, warnings },
      ids: parsed.ids,
      rows: parsed.rows,
      records: parsed.records,
      context: parsed.context,
    }
    return { entry, table: rowsReader.finish() }
  }

  /**
   * Reads a source again as it was read, keeping every affected row of `kind` (the first read
   * kept only storedRecordsPerKind of them).
   */
  reread(
    input: Blob | string,
    summary: SourceSummary,
    kind: IssueKind,
  ): Promise<Pick<ParsedSource, 'records' | 'context'>> {
    return this.parse(input, {
      name: summary.name,
      kind: summary.kind,
      idColumn: summary.idColumn,
      sheet: summary.workbook?.sheet,
      encoding: summary.kind === 'file' ? summary.encoding : undefined,
      captureKind: kind,
    })
  }

  /** The shared reader (parseDroppedSource), with this reader's limit on kept affected rows. */
  private parse(input: Blob | string, options: ParseDroppedSourceOptions): Promise<ParsedSource> {
    return parseDroppedSource(input, {
      ...options,
      storedRecordsPerKind: this.storedRecordsPerKind,
    })
  }
}
