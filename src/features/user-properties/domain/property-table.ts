// Turns a properties CSV (one column of user IDs, one column per property) into the rows the
// planner takes, following the marketer's choices: which column holds the IDs, which columns
// to send, and under which property name.
//
// Values are sent as written, not cut to 36 characters: FanPass truncates them itself, and the
// failed-rows CSV then carries the marketer's own values. The planner therefore groups users by
// the exact value; two values that differ only after character 36 cost one extra request, which
// is rare and keeps what was sent identical to what the file says.
import { formatCount } from '../../../lib/format'
import { cleanId, CLEAN_FLAG } from '../../../lib/ingest/clean-id'
import { checkPropertyValue } from '../../../lib/property-rules'
import { isKeySent, keyAdvice, type KeyAdvice } from './key-advice'
import type { PropertyRow } from './plan-requests'

export interface TableData {
  /** Header names, one per column. */
  columns: readonly string[]
  /** Data rows (the header excluded); a short row simply has empty cells at the end. */
  rows: readonly (readonly string[])[]
  /** rowNumbers[i]: the row rows[i] has in the spreadsheet; by default i + 2 (after the header). */
  rowNumbers?: readonly number[]
  /**
   * Cells of a workbook that cannot be user IDs (a date, a boolean, an error, a decimal, a
   * number Excel rounded), by column and then by index into `rows`, each with what it holds.
   */
  idCellExclusions?: ReadonlyMap<number, ReadonlyMap<number, string>>
}

export interface ColumnChoice {
  include: boolean
  /** The property name the column's values are sent under (the header, unless renamed). */
  name: string
}

export interface TableMapping {
  idColumn: number
  /** One choice per column; the ID column's choice is not used. */
  columns: ColumnChoice[]
}

export interface ColumnReport {
  index: number
  header: string
  name: string
  isIdColumn: boolean
  include: boolean
  /** What FanPass will do with the name; null for the ID column and excluded columns. */
  advice: KeyAdvice | null
  /** Index of an earlier included column with the same property name, if any. */
  duplicateOf: number | null
  /** Whether the column's values go into the requests. */
  sent: boolean
  /** Non-empty cells in the column. */
  values: number
  /** Cells FanPass will cut to 36 characters. */
  truncated: number
}

export interface SkippedRow {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number
  sentence: string
}

export interface TableAnalysis {
  rows: PropertyRow[]
  columns: ColumnReport[]
  rowsRead: number
  /** Rows that give at least one value to send to a user. */
  rowsUsed: number
  /** Rows left out because their ID cell cannot be used. */
  skippedRows: number
  /** Up to 5 of them, in file order. */
  skippedExamples: SkippedRow[]
  /** Rows whose ID was fixed on the way (spaces trimmed, a ".0" Excel added removed). */
  idsCorrected: number
  /** Rows with an ID but every sent cell empty: nothing to change for them. */
  rowsWithoutValues: number
  /** Sent values that had spaces (or other whitespace) around them, which were removed. */
  trimmedValues: number
  truncatedCells: number
  ignoredColumns: number
  /** Reasons the table cannot be sent as it is; empty when it can. */
  problems: string[]
}

const MAX_EXAMPLES = 5

/**
 * The choices to start from: every column but the ID column included, under its header's name.
 * @example defaultMapping(['Account ID', 'tier'], 0) // → { idColumn: 0, columns: [{ include: false, name: 'Account ID' }, { include: true, name: 'tier' }] }
 */
export function defaultMapping(headers: readonly string[], idColumn: number): TableMapping {
  return {
    idColumn,
    columns: headers.map((header, index) => ({ include: index !== idColumn, name: header.trim() })),
  }
}

/**
 * A cell's value as it is sent: surrounding spaces removed; '' means "leave this property as it is".
 * @example cellValue('  Gold ') // → 'Gold'
 */
export function cellValue(raw: string | undefined): string {
  return raw === undefined ? '' : raw.trim()
}

/**
 * Checks the columns, cleans the IDs and builds one PropertyRow per usable row.
 * @example analyseTable({ columns: ['id', 'tier'], rows: [['7', 'Gold'], ['', 'Silver']] }, defaultMapping(['id', 'tier'], 0), new Set(['tier']))
 * // → rows [{ userId: '7', properties: { tier: 'Gold' } }], skippedRows 1 (row 3 has no user ID)
 */
export function analyseTable(
  table: TableData,
  mapping: TableMapping,
  registered: ReadonlySet<string>,
): TableAnalysis {
  const problems: string[] = []
  const firstByName = new Map<string, number>()
  const columns: ColumnReport[] = table.columns.map((header, index) => {
    const choice = mapping.columns[index] ?? { include: false, name: header }
    const isIdColumn = index === mapping.idColumn
    const include = choice.include && !isIdColumn
    const name = choice.name.trim()
    const advice = include ? keyAdvice(name, registered) : null
    let duplicateOf: number | null = null
    if (include && advice !== null && isKeySent(advice)) {
      const first = firstByName.get(name)
      if (first === undefined) firstByName.set(name, index)
      else duplicateOf = first
    }
    const sent = include && advice !== null && isKeySent(advice) && duplicateOf === null
    return {
      index,
      header,
      name,
      isIdColumn,
      include,
      advice,
      duplicateOf,
      sent,
      values: 0,
      truncated: 0,
    }
  })

  for (const column of columns) {
    if (column.duplicateOf === null) continue
    const first = columns[column.duplicateOf]
    problems.push(
      `Columns “${first?.header ?? ''}” and “${column.header}” are both sent as ${column.name}. Rename or exclude one of them.`,
    )
  }
  const sentColumns = columns.filter((column) => column.sent)
  if (sentColumns.length === 0) {
    problems.push('No column will be sent: include at least one column whose name FanPass accepts.')
  }

  const rows: PropertyRow[] = []
  let skippedRows = 0
  let idsCorrected = 0
  let rowsWithoutValues = 0
  let trimmedValues = 0
  let truncatedCells = 0
  const skippedExamples: SkippedRow[] = []
  const skip = (row: number, sentence: string) => {
    skippedRows += 1
    if (skippedExamples.length < MAX_EXAMPLES) skippedExamples.push({ row, sentence })
  }

  const excludedIds = table.idCellExclusions?.get(mapping.idColumn)
  table.rows.forEach((cells, dataIndex) => {
    const rowNumber = table.rowNumbers?.[dataIndex] ?? dataIndex + 2
    // Values are counted for every included column, so the column list can show them even
    // for a column the marketer is about to rename.
    const properties: Record<string, string> = {}
    let hasValue = false
    let trimmedInRow = 0
    for (const column of columns) {
      if (!column.include) continue
      const value = cellValue(cells[column.index])
      if (value === '') continue
      column.values += 1
      if (checkPropertyValue(value).status === 'truncated') {
        column.truncated += 1
        if (column.sent) truncatedCells += 1
      }
      if (column.sent) {
        if (value.length !== (cells[column.index] ?? '').length) trimmedInRow += 1
        // Safe as assignment: a sent name starts with a letter, so it is never "__proto__".
        properties[column.name] = value
        hasValue = true
      }
    }

    const notAnId = excludedIds?.get(dataIndex)
    if (notAnId !== undefined) {
      skip(
        rowNumber,
        `Row ${formatCount(rowNumber)}: the user ID cell holds ${notAnId}, not a user ID.`,
      )
      return
    }
    const raw = cells[mapping.idColumn] ?? ''
    const id = cleanId(raw)
    if (id.value === null) {
      if ((id.flags & CLEAN_FLAG.scientific) !== 0) {
        skip(
          rowNumber,
          `Row ${formatCount(rowNumber)}: the user ID “${raw.trim()}” is in scientific notation (Excel turned it into a number and lost digits). Format the column as Text in Excel and export again.`,
        )
      } else if (hasValue) {
        skip(rowNumber, `Row ${formatCount(rowNumber)} has values but no user ID.`)
      }
      return
    }
    if (id.value !== raw) idsCorrected += 1
    if (!hasValue) {
      rowsWithoutValues += 1
      return
    }
    trimmedValues += trimmedInRow
    rows.push({ userId: id.value, properties })
  })

  return {
    rows,
    columns,
    rowsRead: table.rows.length,
    rowsUsed: rows.length,
    skippedRows,
    skippedExamples,
    idsCorrected,
    rowsWithoutValues,
    trimmedValues,
    truncatedCells,
    ignoredColumns: columns.filter((column) => column.advice?.status === 'ignored').length,
    problems,
  }
}
