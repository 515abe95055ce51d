// The IDs of the rows the conditions keep, cleaned exactly as a whole file is (lib/ingest's
// IdCollector): a fan with several kept rows (several tickets) is in once, first seen first, and
// blanks, duplicates and Excel damage are counted on the kept rows only.
import { IssueRecords } from '../../../../lib/ingest/affected-rows'
import {
  countsForLength,
  recordCleaning,
  recordMixedLengths,
} from '../../../../lib/ingest/id-collector'
import { IdList } from '../../../../lib/ingest/id-list'
import { numericIdKey } from '../../../../lib/ingest/id-set'
import { summarizeIssues } from '../../../../lib/ingest/issue-report'
import { LengthTally } from '../../../../lib/ingest/mixed-lengths'
import type { IssueKind, IssueSummary } from '../../../../lib/ingest/types'
import type { CodedColumn } from '../../domain/rows/coded-column'
import { keptRowsSentence, severalRowsSentence } from '../../domain/rows/kept-rows-sentence'
import { cleanIdColumn, type CleanedIdColumn } from './cleaned-id-column'
import { ID_CELL_NOTES, type ColumnTable } from './column-table'

/** Kinds whose rows give no ID: a kept row of theirs is no fan. */
const DROPPED_KINDS: readonly IssueKind[] = [
  'blank',
  'scientific',
  'dateCell',
  'booleanCell',
  'errorCell',
  'decimalCell',
  'roundedCell',
]

export interface KeptIds {
  /** Unique cleaned IDs in first-seen order. */
  ids: IdList
  /** rows[i]: the spreadsheet row ids[i] was first seen in. */
  rows: number[]
  keptRows: number
  totalRows: number
  records: IssueRecords
  issues: IssueSummary[]
  /** "12,408 of 48,120 rows kept → 11,902 IDs" */
  sentence: string
  /** Said when fans have several kept rows; null when every kept row is its own fan. */
  severalRows: string | null
}

/** The kept rows' IDs as collectIds reads them; finish() runs the mixed-lengths check and sums up. */
export interface CollectedIds {
  ids: IdList
  rows: number[]
  records: IssueRecords
  keptRows: number
  finish: () => IssueSummary[]
}

/** Each table's ID column cleaned once, at its first condition (see cleaned-id-column.ts). */
const cleanedColumns = new WeakMap<ColumnTable, CleanedIdColumn>()

function cleanedIdColumn(table: ColumnTable): CleanedIdColumn {
  let cleaned = cleanedColumns.get(table)
  if (cleaned === undefined) {
    cleaned = cleanIdColumn((table.columns[table.idColumn] as CodedColumn).values)
    cleanedColumns.set(table, cleaned)
  }
  return cleaned
}

/**
 * The ID cells of `rowIndexes` (or of every row `mask` keeps), cleaned and de-duplicated exactly
 * as lib/ingest's IdCollector does a file's, with the same issue records, but by dictionary code:
 * each distinct cell was cleaned once, and a kept ID is new when its code is.
 * Both select rows of `table` by index; exactly one is used.
 */
export function collectIds(
  table: ColumnTable,
  select: { mask: Uint8Array | null } | { rowIndexes: Uint32Array },
  sourceName: string,
): CollectedIds {
  const records = new IssueRecords()
  const ids = new IdList()
  const rows: number[] = []
  const lengths = new LengthTally()
  const idColumn = table.columns[table.idColumn] as CodedColumn
  const { codes, values } = idColumn
  const cleaned = cleanedIdColumn(table)
  const seen = new Uint8Array(cleaned.ids.length)
  const { idNotes } = table
  let keptRows = 0
  const take = (row: number) => {
    const code = codes[row] as number
    const raw = values[code] as string
    const rowNumber = table.rowNumbers[row] as number
    keptRows++
    const note = idNotes === null ? 0 : (idNotes[row] as number)
    if (note !== 0) {
      // A workbook's ID cell, counted as reading the sheet counts it (parse-workbook-source.ts).
      const kind = ID_CELL_NOTES[note - 1] as IssueKind
      records.add(kind, rowNumber, raw)
      if (kind !== 'zeroPadded') return
    }
    const flags = cleaned.flags[code] as number
    if (flags !== 0) recordCleaning(records, flags, rowNumber, raw)
    const id = cleaned.idOf[code] as number
    if (id === -1) return
    if (seen[id] === 1) {
      records.add('duplicate', rowNumber, raw)
      return
    }
    seen[id] = 1
    const value = cleaned.ids[id] as string
    const key = numericIdKey(value)
    ids.push(value, key)
    rows.push(rowNumber)
    if (countsForLength(value, key)) lengths.add(value)
  }
  if ('rowIndexes' in select) {
    for (const row of select.rowIndexes) take(row)
  } else {
    const { mask } = select
    for (let row = 0; row < table.rowCount; row++) if (mask === null || mask[row] === 1) take(row)
  }
  return {
    ids,
    rows,
    records,
    keptRows,
    finish: () => {
      const mixedLengths = recordMixedLengths(records, ids, rows, lengths)
      return summarizeIssues(records, { sourceName, columnName: idColumn.name, mixedLengths })
    },
  }
}

/**
 * The IDs of the rows `mask` keeps (every row when null).
 * e.g. rows [A1 Gold, A1 Gold, B2 Silver, "" Gold], mask keeps Gold → ids [A1]; "3 of 4 rows kept → 1 ID"
 */
export function keptIds(table: ColumnTable, mask: Uint8Array | null, sourceName: string): KeptIds {
  const { ids, rows, records, keptRows, finish } = collectIds(table, { mask }, sourceName)
  const issues = finish()
  const dropped = DROPPED_KINDS.reduce((sum, kind) => sum + records.count(kind), 0)
  return {
    ids,
    rows,
    keptRows,
    totalRows: table.rowCount,
    records,
    issues,
    sentence: keptRowsSentence(keptRows, table.rowCount, ids.length),
    severalRows: severalRowsSentence(keptRows, ids.length, dropped),
  }
}
