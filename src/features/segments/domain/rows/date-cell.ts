// Reading a column's cells as calendar days (UTC day numbers: days since 1970-01-01), the way
// exports write them:
// - ISO: "2026-03-25", with an optional time ("2026-03-25T18:30:00Z", "2026-03-25 18:30"); the
//   day is the one written, whatever the time zone: conditions compare days, not instants;
// - year first with slashes or dots: "2026/03/25", "2026.3.25";
// - day and month in either order with "/", "-" or "." and a 2- or 4-digit year, optionally
//   followed by a time: "25/03/2026", "3-25-26 9:15 PM". The order is decided from the data: a
//   first part over 12 means day first, a second part over 12 means month first; both in one
//   column is a mix that cannot be read; neither leaves it to the marketer (`ambiguous`).
//   Two-digit years follow Excel's window: 00–29 are 2000–2029, 30–99 are 1930–1999;
// - Excel date serials ("46106"), only when the caller knows the cells were Excel dates.
import type { DateOrder } from '../../../../../contracts/recipe'
import { isBlankCell, readNumberCell } from './number-cell'

const DAY_MS = 86_400_000
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const YEAR_FIRST = /^(\d{4})([./])(\d{1,2})\2(\d{1,2})$/
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?`
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`)
/** Excel's serial of 1970-01-01. Serials below 61 are off by one: Excel counts 29 Feb 1900. */
const EXCEL_EPOCH = 25_569
const EXCEL_MAX = 2_958_465 // 9999-12-31

export type DateReading =
  /**
   * days[i]: the day of values[i], NaN for a blank cell. order: null when it did not matter;
   * example: a day/month cell the order was read on (the one that decided it, else one it was
   * chosen for), null without one.
   */
  | { kind: 'dates'; days: Float64Array; order: DateOrder | null; example: string | null }
  | { kind: 'ambiguous'; example: string; sentence: string }
  | { kind: 'mixed'; dayFirstExample: string; monthFirstExample: string; sentence: string }
  | { kind: 'not-dates'; example: string; sentence: string }

export interface DateReadingOptions {
  /** The column's name, for the sentences. */
  column: string
  /** The cells were Excel date cells (a workbook's), so plain numbers are date serials. */
  excelSerials?: boolean
  /** The order the marketer chose when the data could not decide it. */
  order?: DateOrder
}

/**
 * The UTC day number of a valid calendar date, else NaN.
 * e.g. (2026, 3, 25) → 20537; (2026, 2, 30) → NaN
 */
export function dayNumber(year: number, month: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return Number.NaN
  if (date.getUTCDate() !== day) return Number.NaN
  return Math.round(date.getTime() / DAY_MS)
}

/**
 * The UTC day number of an ISO day (as conditions and `today` are written), else NaN.
 * e.g. "1970-01-02" → 1; "2026-02-30" → NaN
 */
export function isoDayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (match === null) return Number.NaN
  return dayNumber(Number(match[1]), Number(match[2]), Number(match[3]))
}

/**
 * A day number back as ISO, for sentences and previews.
 * e.g. 20537 → "2026-03-25"
 */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function fullYear(digits: string): number {
  const year = Number(digits)
  if (digits.length === 4) return year
  return year < 30 ? 2000 + year : 1900 + year
}

function excelSerialDay(serial: number): number {
  if (serial < 1 || serial > EXCEL_MAX || serial === 60) return Number.NaN
  const whole = Math.floor(serial)
  return whole < 60 ? whole - EXCEL_EPOCH + 1 : whole - EXCEL_EPOCH
}

/** A cell written day and month in an order still to decide. */
interface DayMonthCell {
  index: number
  first: number
  second: number
  year: number
}

/**
 * Reads the distinct values of a column as days, deciding the day/month order from the data.
 * e.g. ["25/03/2026", "04/05/2026"] → dates, dayFirst; ["04/05/2026"] → ambiguous;
 *      ["25/03/2026", "03/25/2026"] → mixed; ["2026-03-25", ""] → dates [20537, NaN]
 */
export function readDateValues(
  values: readonly string[],
  options: DateReadingOptions,
): DateReading {
  const { column } = options
  const days = new Float64Array(values.length).fill(Number.NaN)
  const undecided: DayMonthCell[] = []
  let dayFirstExample: string | null = null
  let monthFirstExample: string | null = null
  let ambiguousExample: string | null = null
  const notDates = (example: string): DateReading => ({
    kind: 'not-dates',
    example,
    sentence: `"${example.trim()}" in the column "${column}" is not a date this console can read, so the column cannot be compared as dates.`,
  })

  for (let index = 0; index < values.length; index++) {
    const cell = values[index] as string
    if (isBlankCell(cell)) continue
    const text = cell.trim()
    const iso = ISO.exec(text)
    const yearFirst = iso === null ? YEAR_FIRST.exec(text) : null
    if (iso !== null || yearFirst !== null) {
      const [year, month, day] =
        iso !== null ? [iso[1], iso[2], iso[3]] : [yearFirst?.[1], yearFirst?.[3], yearFirst?.[4]]
      days[index] = dayNumber(Number(year), Number(month), Number(day))
      if (Number.isNaN(days[index])) return notDates(cell)
      continue
    }
    const dayMonth = DAY_MONTH.exec(text)
    if (dayMonth !== null) {
      const first = Number(dayMonth[1])
      const second = Number(dayMonth[3])
      if (first > 12 && second > 12) return notDates(cell)
      if (first > 12) dayFirstExample ??= text
      else if (second > 12) monthFirstExample ??= text
      else if (first !== second) ambiguousExample ??= text
      undecided.push({ index, first, second, year: fullYear(dayMonth[4] as string) })
      continue
    }
    const serial = options.excelSerials === true ? readNumberCell(text) : null
    if (serial !== null) {
      days[index] = excelSerialDay(serial)
      if (!Number.isNaN(days[index])) continue
    }
    return notDates(cell)
  }

  if (dayFirstExample !== null && monthFirstExample !== null) {
    return {
      kind: 'mixed',
      dayFirstExample,
      monthFirstExample,
      sentence: `The column "${column}" mixes day-first dates (like ${dayFirstExample}) and month-first dates (like ${monthFirstExample}), so its dates cannot be read reliably. Export it again with one date format.`,
    }
  }
  const decided: DateOrder | null =
    dayFirstExample !== null ? 'dayFirst' : monthFirstExample !== null ? 'monthFirst' : null
  if (decided !== null && options.order !== undefined && decided !== options.order) {
    const example = decided === 'dayFirst' ? dayFirstExample : monthFirstExample
    return {
      kind: 'mixed',
      dayFirstExample: dayFirstExample ?? '',
      monthFirstExample: monthFirstExample ?? '',
      sentence: `The column "${column}" was read ${options.order === 'dayFirst' ? 'day first' : 'month first'} before, but this file has ${example ?? ''}, which can only be ${decided === 'dayFirst' ? 'day first' : 'month first'}. Check the export's date format.`,
    }
  }
  const order = decided ?? options.order ?? null
  if (order === null && ambiguousExample !== null) {
    return {
      kind: 'ambiguous',
      example: ambiguousExample,
      sentence: `The dates in "${column}" could be day first or month first (is ${ambiguousExample} the ${describe(ambiguousExample, 'dayFirst')} or the ${describe(ambiguousExample, 'monthFirst')}?). Say which.`,
    }
  }
  for (const cell of undecided) {
    const [day, month] =
      order === 'monthFirst' ? [cell.second, cell.first] : [cell.first, cell.second]
    const value = dayNumber(cell.year, month, day)
    if (Number.isNaN(value)) return notDates(values[cell.index] as string)
    days[cell.index] = value
  }
  return {
    kind: 'dates',
    days,
    order: ambiguousExample === null ? decided : order,
    example:
      (decided === 'dayFirst' ? dayFirstExample : monthFirstExample) ??
      (order === null ? null : ambiguousExample),
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

function describe(text: string, order: DateOrder): string {
  const match = DAY_MONTH.exec(text)
  const first = Number(match?.[1])
  const second = Number(match?.[3])
  const [day, month] = order === 'dayFirst' ? [first, second] : [second, first]
  return `${day} ${MONTHS[month - 1] ?? ''}`
}

function ordinal(day: number): string {
  const tens = day % 100
  if (tens >= 11 && tens <= 13) return `${day}th`
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`
}

/**
 * A day/month cell read in `order`, as a marketer says it.
 * e.g. ("03/04/2026", dayFirst) → "the 3rd of April"; ("03/04/2026", monthFirst) → "the 4th of March"
 */
export function sayDayMonth(text: string, order: DateOrder): string {
  const match = DAY_MONTH.exec(text.trim())
  if (match === null) return text
  const first = Number(match[1])
  const second = Number(match[3])
  const [day, month] = order === 'dayFirst' ? [first, second] : [second, first]
  return `the ${ordinal(day)} of ${MONTHS[month - 1] ?? ''}`
}
