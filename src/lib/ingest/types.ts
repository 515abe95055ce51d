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

/**
 * Who chose the ID column: `automatic` (its header names an ID, else the first column),
 * `remembered` (this browser's choice for a file with the same header row), or `chosen` now.
 */
export type IdColumnChoice = 'automatic' | 'remembered' | 'chosen'

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
  | 'roundedCell'
  | 'decimalCell'
  | 'dateCell'
  | 'booleanCell'
  | 'errorCell'
  | 'zeroPadded'

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

/** The workbook formats the console reads; the file's content decides, never its name. */
export type WorkbookFormat = 'xlsx' | 'xlsm' | 'xls' | 'ods'

export interface SheetInfo {
  name: string
  /** Hidden (or "very hidden") in Excel, or not displayed in LibreOffice. */
  hidden: boolean
}

/** What a source read from a workbook tells about the workbook. */
export interface WorkbookSummary {
  format: WorkbookFormat
  sheets: SheetInfo[]
  /** Index into `sheets` of the sheet that was read. */
  sheet: number
  /** The sheet was read because it was chosen last time for a workbook with these sheets. */
  sheetRemembered: boolean
}

/** Everything reading a source tells about it. */
export interface ParsedSummary {
  name: string
  kind: SourceKind
  sizeBytes: number
  encoding: TextEncodingName
  layout: SourceLayout
  delimiter: Delimiter | null
  lineEnding: LineEnding
  hasHeader: boolean
  /** Header names, or "Column 1", "Column 2", … when there is no header. */
  columns: string[]
  /** Index into `columns` of the column the IDs were read from. */
  idColumn: number
  /** The column the automatic choice reads; differs from idColumn when it was chosen or remembered. */
  automaticIdColumn: number
  idColumnChoice: IdColumnChoice
  /** headerSignature of the header row; null without one (a list, or a table of data rows only). */
  headerSignature: string | null
  /** Data rows read (table) or values read (list), header excluded. */
  rowsRead: number
  uniqueIds: number
  issues: IssueSummary[]
  /** The workbook and sheet the rows came from; null for text (CSV, TSV, TXT, pasted). */
  workbook: WorkbookSummary | null
  /** Sentences about the file as a whole (encoding fallback, broken quotes, no IDs found, …). */
  warnings: string[]
  durationMs: number
}

/**
 * Takes every cell of a table's data rows as they are parsed, beside the ID column's collector (a
 * feature keeps them to filter rows). rows[from…] are handed over; rows[0] is row `firstRow`.
 */
export interface RowSink {
  addRows(
    rows: readonly (readonly string[])[],
    firstRow: number,
    from: number,
    sheet?: SheetRowDetail,
  ): void
  /**
   * A workbook's columns whose cells are mostly Excel date cells (handed over as YYYY-MM-DD): a
   * plain number among them is a date serial whose cell lost its format. Told once, at the end.
   */
  excelDateColumns?(columns: readonly number[]): void
}

/** How a workbook's ID cell read besides its text: a padding it showed, or why it is no ID. */
export type IdCellNote =
  'zeroPadded' | 'dateCell' | 'booleanCell' | 'errorCell' | 'decimalCell' | 'roundedCell'

/** What a workbook's rows tell besides their cells, item i for rows[i]. */
export interface SheetRowDetail {
  /** The row Excel shows (a sheet's empty rows are skipped, so they are not consecutive). */
  rowNumbers: readonly number[]
  /** null: the ID cell is the ID's text; else its note, the ID cell holding what it showed. */
  idNotes: readonly (IdCellNote | null)[]
}
