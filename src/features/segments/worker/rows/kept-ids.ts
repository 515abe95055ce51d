// The IDs of the rows the conditions keep, cleaned exactly as a whole file is (lib/ingest's
// IdCollector): a fan with several kept rows (several tickets) is in once, first seen first, and
// blanks, duplicates and Excel damage are counted on the kept rows only.
import { IssueRecords } from '../../../../lib/ingest/affected-rows'
import { IdCollector } from '../../../../lib/ingest/id-collector'
import type { IdList } from '../../../../lib/ingest/id-list'
import { summarizeIssues } from '../../../../lib/ingest/issue-report'
import type { IssueKind, IssueSummary } from '../../../../lib/ingest/types'
import type { CodedColumn } from '../../domain/rows/coded-column'
import { keptRowsSentence, severalRowsSentence } from '../../domain/rows/kept-rows-sentence'
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

/** Kept rows handed to the collector at once: its batch arrays stay small and reused. */
const BATCH_ROWS = 65_536

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

/**
 * Feeds the ID cells of `rowIndexes` (or of every row `mask` keeps) to a fresh collector.
 * Both select rows of `table` by index; exactly one is used.
 */
export function collectIds(
  table: ColumnTable,
  select: { mask: Uint8Array | null } | { rowIndexes: Uint32Array },
  sourceName: string,
): { collector: IdCollector; keptRows: number; finish: () => IssueSummary[] } {
  const records = new IssueRecords()
  const collector = new IdCollector(records, sourceName)
  const idColumn = table.columns[table.idColumn] as CodedColumn
  const { codes, values } = idColumn
  const { idNotes } = table
  const batch: string[] = []
  const batchRows: number[] = []
  let keptRows = 0
  const flush = () => {
    collector.addAll(batch, 0, 0, batchRows)
    batch.length = 0
    batchRows.length = 0
  }
  const take = (row: number) => {
    const value = values[codes[row] as number] as string
    const rowNumber = table.rowNumbers[row] as number
    keptRows++
    const note = idNotes === null ? 0 : (idNotes[row] as number)
    if (note !== 0) {
      // A workbook's ID cell, counted as reading the sheet counts it (parse-workbook-source.ts).
      const kind = ID_CELL_NOTES[note - 1] as IssueKind
      records.add(kind, rowNumber, value)
      if (kind !== 'zeroPadded') return
    }
    batch.push(value)
    batchRows.push(rowNumber)
    if (batch.length === BATCH_ROWS) flush()
  }
  if ('rowIndexes' in select) {
    for (const row of select.rowIndexes) take(row)
  } else {
    const { mask } = select
    for (let row = 0; row < table.rowCount; row++) if (mask === null || mask[row] === 1) take(row)
  }
  flush()
  return {
    collector,
    keptRows,
    finish: () => {
      const mixedLengths = collector.finish()
      return summarizeIssues(records, { sourceName, columnName: idColumn.name, mixedLengths })
    },
  }
}

/**
 * The IDs of the rows `mask` keeps (every row when null).
 * e.g. rows [A1 Gold, A1 Gold, B2 Silver, "" Gold], mask keeps Gold → ids [A1]; "3 of 4 rows kept → 1 ID"
 */
export function keptIds(table: ColumnTable, mask: Uint8Array | null, sourceName: string): KeptIds {
  const { collector, keptRows, finish } = collectIds(table, { mask }, sourceName)
  const issues = finish()
  const { ids, rows, records } = collector
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
