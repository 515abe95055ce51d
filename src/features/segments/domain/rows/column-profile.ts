// What a source card shows of a column: its kind, and its distinct values with their row counts,
// most frequent first, searchable.
import type { DateOrder } from '../../../../../contracts/recipe'
import { countByValue, type CodedColumn } from './coded-column'
import { readDateValues, type DateReading } from './date-cell'
import { readNumberValues } from './number-cell'

/**
 * Distinct values a checklist lists at most; beyond it the column says so and offers search
 * (an ID or email column, not a category).
 */
export const LISTABLE_VALUES = 50_000
/** Matches a search returns at most, most frequent first. */
export const SEARCH_RESULTS = 200

/**
 * `number`: every non-blank cell is a plain decimal (see number-cell.ts); `date`: every non-blank
 * cell reads as a date (see date-cell.ts), `dates` telling how (or why the order is unknown);
 * `text` otherwise, including a column of blanks only.
 */
export type ColumnKind =
  | { kind: 'text' }
  | { kind: 'number'; numbers: Float64Array }
  | { kind: 'date'; dates: Exclude<DateReading, { kind: 'not-dates' }> }

export interface ValueCount {
  /** Index into the column's values (its dictionary code). */
  code: number
  value: string
  rows: number
}

export interface ColumnProfile {
  name: string
  distinctValues: number
  /** Most frequent first (first seen first among equals); empty when tooManyToList. */
  values: ValueCount[]
  tooManyToList: boolean
  /** Rows per code, to answer searches and counts without another pass over the rows. */
  counts: Uint32Array
}

/**
 * Decides a column's kind from its distinct values.
 * e.g. ["3", " 4 ", ""] → number; ["2026-03-25"] → date; ["Gold", "3"] → text
 */
export function detectColumnKind(
  column: CodedColumn,
  options: { excelSerials?: boolean; order?: DateOrder } = {},
): ColumnKind {
  const { numbers, allNumbers } = readNumberValues(column.values)
  if (allNumbers && options.excelSerials !== true) return { kind: 'number', numbers }
  const dates = readDateValues(column.values, { column: column.name, ...options })
  if (dates.kind === 'not-dates') return { kind: 'text' }
  const anyCell = dates.kind !== 'dates' || dates.days.some((day) => !Number.isNaN(day))
  return anyCell ? { kind: 'date', dates } : { kind: 'text' }
}

function byFrequency(counts: Uint32Array, codes: number[]): number[] {
  return codes.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b)
}

/**
 * The checklist of a column over `rowCount` rows (or those `mask` keeps).
 * e.g. values ["Gold", "Silver"], codes [1, 0, 1] → [{ value: "Silver", rows: 2 }, { value: "Gold", rows: 1 }]
 */
export function profileColumn(
  column: CodedColumn,
  rowCount: number,
  mask?: Uint8Array,
): ColumnProfile {
  const counts = countByValue(column, rowCount, mask)
  const distinctValues = column.values.length
  const tooManyToList = distinctValues > LISTABLE_VALUES
  const values: ValueCount[] = []
  if (!tooManyToList) {
    const codes = byFrequency(
      counts,
      Array.from({ length: distinctValues }, (_, code) => code),
    )
    for (const code of codes) {
      values.push({ code, value: column.values[code] as string, rows: counts[code] as number })
    }
  }
  return { name: column.name, distinctValues, values, tooManyToList, counts }
}

/**
 * The values containing `query`, ignoring case, most frequent first, at most SEARCH_RESULTS.
 * e.g. (profile of ["Full Season", "Half Season", "Flex"], "season") → Full Season, Half Season
 */
export function searchValues(
  column: CodedColumn,
  profile: ColumnProfile,
  query: string,
): { matches: ValueCount[]; more: boolean } {
  const wanted = query.toLowerCase()
  const codes: number[] = []
  column.values.forEach((value, code) => {
    if (value.toLowerCase().includes(wanted)) codes.push(code)
  })
  byFrequency(profile.counts, codes)
  const matches = codes.slice(0, SEARCH_RESULTS).map((code) => ({
    code,
    value: column.values[code] as string,
    rows: profile.counts[code] as number,
  }))
  return { matches, more: codes.length > SEARCH_RESULTS }
}
