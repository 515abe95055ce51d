// "Keep rows where…": conditions combine with AND, and "is one of" is an OR within its column.
// Each condition is decided once per distinct value of its column, then applied to the rows
// through their codes, so a million rows cost one typed-array pass per condition.
// - Text: "is one of" and "is not one of" match exactly (case and spaces count; see
//   near-duplicates.ts for the hint); "contains" and "starts with" ignore letter case; "is empty"
//   means nothing but spaces.
// - Numbers and dates: a blank cell has no number or date, so no comparison keeps it ("≠ 3"
//   included); "between" includes both ends; "before"/"after" exclude the day itself; "in the last
//   N days" is the N days ending today, today included.
import type { RowCondition } from '../../../../../contracts/recipe'
import { findColumn, type CodedColumn, type CodedTable } from './coded-column'
import { isoDayNumber, readDateValues } from './date-cell'
import { isBlankCell, readNumberValues } from './number-cell'

export interface RowFilterOptions {
  /** The marketer's calendar day as YYYY-MM-DD, for "in the last N days". */
  today: string
  /** Columns whose cells were Excel date cells (a workbook's), so numbers are date serials. */
  excelSerialColumns?: ReadonlySet<string>
}

export type RowFilter =
  | {
      kind: 'kept'
      /** mask[row] is 1 when every condition keeps the row. */
      mask: Uint8Array
      kept: number
      total: number
      /** Rows each condition keeps on its own, in the order given. */
      perCondition: number[]
    }
  | { kind: 'missing-columns'; columns: string[]; sentence: string }
  | {
      kind: 'not-numbers' | 'not-dates' | 'ambiguous-dates' | 'mixed-dates' | 'invalid-condition'
      column: string
      sentence: string
    }

type Problem = Exclude<RowFilter, { kind: 'kept' | 'missing-columns' }>

function quoteList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`)
  return quoted.length === 1
    ? (quoted[0] as string)
    : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}

function textKeep(
  values: readonly string[],
  condition: RowCondition & { kind: 'text' },
): Uint8Array {
  const keep = new Uint8Array(values.length)
  const test = textTest(condition)
  for (let code = 0; code < values.length; code++) keep[code] = test(values[code] as string) ? 1 : 0
  return keep
}

function textTest(condition: RowCondition & { kind: 'text' }): (value: string) => boolean {
  switch (condition.op) {
    case 'isOneOf': {
      const picked = new Set(condition.values)
      return (value) => picked.has(value)
    }
    case 'isNotOneOf': {
      const picked = new Set(condition.values)
      return (value) => !picked.has(value)
    }
    case 'contains': {
      const text = condition.text.toLowerCase()
      return (value) => value.toLowerCase().includes(text)
    }
    case 'startsWith': {
      const text = condition.text.toLowerCase()
      return (value) => value.toLowerCase().startsWith(text)
    }
    case 'isEmpty':
      return isBlankCell
    case 'isNotEmpty':
      return (value) => !isBlankCell(value)
  }
}

function rangeKeep(numbers: Float64Array, test: (value: number) => boolean): Uint8Array {
  const keep = new Uint8Array(numbers.length)
  for (let code = 0; code < numbers.length; code++) {
    const value = numbers[code] as number
    keep[code] = !Number.isNaN(value) && test(value) ? 1 : 0
  }
  return keep
}

function numberTest(condition: RowCondition & { kind: 'number' }): (value: number) => boolean {
  if (condition.op === 'between') {
    const { min, max } = condition
    return (value) => value >= min && value <= max
  }
  const target = condition.value
  switch (condition.op) {
    case 'eq':
      return (value) => value === target
    case 'ne':
      return (value) => value !== target
    case 'lt':
      return (value) => value < target
    case 'le':
      return (value) => value <= target
    case 'gt':
      return (value) => value > target
    case 'ge':
      return (value) => value >= target
  }
}

/** [first, last] days a date condition keeps, or a sentence when a day it names is not a date. */
function dayRange(
  condition: RowCondition & { kind: 'date' },
  today: string,
): [number, number] | string {
  const days = (iso: string) => isoDayNumber(iso)
  switch (condition.op) {
    case 'before':
    case 'after': {
      const day = days(condition.date)
      if (Number.isNaN(day)) return `${condition.date} is not a calendar date.`
      return condition.op === 'before' ? [-Infinity, day - 1] : [day + 1, Infinity]
    }
    case 'between': {
      const from = days(condition.from)
      const to = days(condition.to)
      if (Number.isNaN(from) || Number.isNaN(to)) {
        return `${Number.isNaN(from) ? condition.from : condition.to} is not a calendar date.`
      }
      return [Math.min(from, to), Math.max(from, to)]
    }
    case 'inLastDays': {
      const day = days(today)
      if (Number.isNaN(day)) return `Today (${today}) is not a calendar date.`
      return [day - condition.days + 1, day]
    }
  }
}

function keepFor(
  column: CodedColumn,
  condition: RowCondition,
  options: RowFilterOptions,
): Uint8Array | Problem {
  const name = column.name
  if (condition.kind === 'text') return textKeep(column.values, condition)
  if (condition.kind === 'number') {
    const { numbers, allNumbers } = readNumberValues(column.values)
    if (!allNumbers) {
      const example = column.values.find(
        (value, code) => Number.isNaN(numbers[code]) && !isBlankCell(value),
      )
      return {
        kind: 'not-numbers',
        column: name,
        sentence:
          example === undefined
            ? `The column "${name}" has no numbers to compare.`
            : `"${example.trim()}" in the column "${name}" is not a number, so the column cannot be compared as numbers.`,
      }
    }
    return rangeKeep(numbers, numberTest(condition))
  }
  const range = dayRange(condition, options.today)
  if (typeof range === 'string') return { kind: 'invalid-condition', column: name, sentence: range }
  const reading = readDateValues(column.values, {
    column: name,
    excelSerials: options.excelSerialColumns?.has(name) === true,
    ...(condition.order === undefined ? {} : { order: condition.order }),
  })
  if (reading.kind !== 'dates') {
    const kind =
      reading.kind === 'ambiguous'
        ? 'ambiguous-dates'
        : reading.kind === 'mixed'
          ? 'mixed-dates'
          : 'not-dates'
    return { kind, column: name, sentence: reading.sentence }
  }
  const [first, last] = range
  return rangeKeep(reading.days, (day) => day >= first && day <= last)
}

/**
 * Applies `conditions` to `table`: the rows kept, and how many each condition keeps on its own.
 * e.g. Plan Type is one of [Full Season] and Seats ≥ 2, over 5 rows → { kind: 'kept', kept: 2, perCondition: [3, 4], … }
 *      a condition on "Region" that the file lacks → { kind: 'missing-columns', sentence: 'This file has no column "Region" …' }
 */
export function filterRows(
  table: CodedTable,
  conditions: readonly RowCondition[],
  options: RowFilterOptions,
): RowFilter {
  const columnIndexes = conditions.map((condition) => findColumn(table.columns, condition.column))
  const missing = [
    ...new Set(conditions.filter((_, i) => columnIndexes[i] === -1).map((c) => c.column)),
  ]
  if (missing.length > 0) {
    return {
      kind: 'missing-columns',
      columns: missing,
      sentence: `This file has no ${missing.length === 1 ? 'column' : 'columns'} ${quoteList(missing)}, which the conditions use. Check it is the right export, or change the conditions.`,
    }
  }
  const { rowCount } = table
  const mask = new Uint8Array(rowCount).fill(1)
  const perCondition: number[] = []
  for (let i = 0; i < conditions.length; i++) {
    const column = table.columns[columnIndexes[i] as number] as CodedColumn
    const keep = keepFor(column, conditions[i] as RowCondition, options)
    if (!(keep instanceof Uint8Array)) return keep
    const codes = column.codes
    let count = 0
    for (let row = 0; row < rowCount; row++) {
      const kept = keep[codes[row] as number] as number
      count += kept
      mask[row] = (mask[row] as number) & kept
    }
    perCondition.push(count)
  }
  let kept = 0
  for (let row = 0; row < rowCount; row++) kept += mask[row] as number
  return { kind: 'kept', mask, kept, total: rowCount, perCondition }
}
