/** Where a list of IDs came from: a dropped file or text pasted into the page. */
export type SourceKind = 'file' | 'paste'

/** The column separators we recognise in a table; `null` in a summary means one column. */
export type Delimiter = ',' | ';' | '\t' | '|'

/**
 * How the text was decoded. `text` is pasted text, which never was bytes.
 * `utf-8-bom` is UTF-8 that started with a byte-order mark.
 */
export type TextEncodingName =
  'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'text'

/** The line ending seen in the first few KB (all of them are read correctly). */
export type LineEnding = 'crlf' | 'lf' | 'cr' | 'mixed' | 'none'

/**
 * `table`: rows and columns (CSV/TSV), one ID per row taken from the ID column.
 * `list`: every value separated by line breaks, commas, semicolons, tabs or spaces is an ID
 * (pasted lists, and files holding one long line of IDs).
 */
export type SourceLayout = 'table' | 'list'

/** Every change the cleaner can make or flag, one download per kind. */
export type IssueKind =
  | 'trimmed'
  | 'blank'
  | 'duplicate'
  | 'scientific'
  | 'decimalSuffix'
  | 'mixedLengths'
  | 'composite'
  | 'tooLong'
  | 'controlChars'

/**
 * What happened to the affected IDs: `corrected` (kept, fixed), `dropped` (removed, nothing lost),
 * `excluded` (removed because the value is broken) or `flagged` (kept, but worth a look).
 */
export type IssueEffect = 'corrected' | 'dropped' | 'excluded' | 'flagged'

/** One affected row, as shown in the examples and in the downloadable CSV. */
export interface IssueExample {
  file: string
  /** 1-based record number as a spreadsheet shows it (a header is row 1); in a list, the value's position. */
  row: number
  original: string
  outcome: string
}

export interface IssueSummary {
  kind: IssueKind
  effect: IssueEffect
  count: number
  /** Up to 5, in file order. */
  examples: IssueExample[]
  /** One sentence a marketer can act on, e.g. "Excluded 3 IDs written in scientific notation …". */
  sentence: string
}

export interface SourceSummary {
  sourceId: string
  name: string
  kind: SourceKind
  sizeBytes: number
  /** Hex SHA-256 of the bytes (UTF-8 bytes for pasted text); null when the file is over 512 MB. */
  sha256: string | null
  encoding: TextEncodingName
  layout: SourceLayout
  delimiter: Delimiter | null
  lineEnding: LineEnding
  hasHeader: boolean
  /** Header names, or "Column 1", "Column 2", … when there is no header. */
  columns: string[]
  /** Index into `columns` of the column the IDs were read from. */
  idColumn: number
  /** Data rows read (table) or values read (list), header excluded. */
  rowsRead: number
  uniqueIds: number
  issues: IssueSummary[]
  /** Sentences about the file as a whole (encoding fallback, broken quotes, no IDs found, …). */
  warnings: string[]
  durationMs: number
}

/** `union`: every ID in any source; `intersection`: IDs in every source; `subtract`: first source minus the others. */
export type CombineMode = 'union' | 'intersection' | 'subtract'

export interface CombinedSourceCount {
  sourceId: string
  name: string
  uniqueIds: number
  /** IDs of this source the operation left out of the result (see `CombinedSummary.removedAcrossSources`). */
  removed: number
}

export interface CombinedSummary {
  mode: CombineMode
  perSource: CombinedSourceCount[]
  /** IDs in the final list. */
  total: number
  /**
   * IDs the operation dropped, summed over sources: union — repeats of an ID already taken from an
   * earlier source; intersection — IDs missing from at least one other source; subtract — IDs of
   * the first source that another source also has.
   */
  removedAcrossSources: number
  sentence: string
}

export interface IngestProgress {
  sourceId: string
  name: string
  bytesRead: number
  totalBytes: number
}

export type ProgressCallback = (progress: IngestProgress) => void

export interface AddSourceOptions {
  /** Read IDs from this column (index into `SourceSummary.columns`) instead of the automatic choice. */
  idColumn?: number
}

export interface IdPage {
  offset: number
  total: number
  ids: string[]
}

export interface IdSearchResult {
  query: string
  /** How many IDs contain the query. */
  matches: number
  offset: number
  ids: string[]
}

/** The form's fields for `POST /api/v1/segments`; `userIds` come from the combined result. */
export interface SegmentRequestInput {
  title: string
  tag: string
  /** 0 Ticketing ID (the API's default), 1 Push, 2 Loyalty, 3 Ad, 4 Subscriber. */
  sourceType?: number
  /** Left out of the body when empty. */
  notes?: string
}

export type IdListFormat = 'txt' | 'csv'
