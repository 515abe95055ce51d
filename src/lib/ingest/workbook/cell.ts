// A workbook cell as the readers hand it over, and what it means as a user ID or as a property
// value. The readers resolve formats (dates, zero padding) and shared strings; these rules only
// decide what a marketer meant by the cell.

/**
 * `number`: a number cell (formulas give their last calculated value); `date`: a number cell
 * with a date or time format, or an ODS date; `text`: a text cell, kept exactly as written.
 */
export type CellKind = 'empty' | 'text' | 'number' | 'boolean' | 'error' | 'date'

export interface Cell {
  kind: CellKind
  /** text: the text; error: "#N/A" etc.; date: "YYYY-MM-DD" (or "HH:MM:SS" for a time alone). */
  text: string
  /** number: the value; boolean: 1 or 0. */
  number: number
  /** Digits a zero-padding format (`000000`) shows at least; 0 when the format pads nothing. */
  padWidth: number
}

/** A fresh empty cell (readers reuse their cells from row to row). */
export function emptyCell(): Cell {
  return { kind: 'empty', text: '', number: 0, padWidth: 0 }
}

/** Excel keeps 15 significant digits; anything beyond was rounded when it was typed or imported. */
export const EXCEL_DIGITS = 15

/**
 * A finite number in plain decimal notation, never with an exponent.
 * e.g. plainDecimal(123456789012) → "123456789012"; plainDecimal(1e-7) → "0.0000001"; plainDecimal(1.5e21) → "1500000000000000000000"
 */
export function plainDecimal(value: number): string {
  const text = String(value)
  const e = text.indexOf('e')
  if (e === -1) return text
  const negative = text.startsWith('-')
  const mantissa = text.slice(negative ? 1 : 0, e)
  const exponent = Number(text.slice(e + 1))
  const point = mantissa.indexOf('.')
  const digits = mantissa.replace('.', '')
  const intLength = (point === -1 ? mantissa.length : point) + exponent
  let plain: string
  if (intLength <= 0) plain = `0.${'0'.repeat(-intLength)}${digits}`
  else if (intLength >= digits.length) plain = digits + '0'.repeat(intLength - digits.length)
  else plain = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`
  return negative ? `-${plain}` : plain
}

/**
 * A number as a marketer reads it in Excel: the shortest decimal at Excel's 15 significant digits.
 * e.g. 3 → "3"; 1.5 → "1.5"; 0.1 + 0.2 → "0.3"; -0.000012 → "-0.000012"
 */
export function excelDecimal(value: number): string {
  if (value === 0) return '0'
  // A shortest round trip of at most 15 characters has at most 15 digits, so rounding to 15
  // gives the same number back: most cells (62.3, 46077) skip toPrecision, a tenth of a read.
  const shortest = String(value)
  if (shortest.length <= EXCEL_DIGITS && shortest.indexOf('e') === -1) return shortest
  return plainDecimal(Number(value.toPrecision(EXCEL_DIGITS)))
}

/** Count of significant digits in an integer's plain digits, e.g. "1234500" → 5; "0" → 0 */
function integerDigits(digits: string): number {
  return digits.replace(/^0+/, '').length
}

/**
 * What an ID cell gives: `id` is the text to clean and de-duplicate like a CSV value, or null
 * when the cell cannot be an ID (`excluded` says why); `padded` when a format added zeros.
 */
export type IdCell =
  | { id: string; padded: boolean; excluded: null }
  | { id: null; padded: false; excluded: CellExclusion; shown: string }

/** Why an ID cell was excluded; each is an issue kind of its own on the card. */
export type CellExclusion = 'dateCell' | 'booleanCell' | 'errorCell' | 'decimalCell' | 'roundedCell'

/**
 * How a cell reads as a user ID.
 * e.g. number 123456789012 → "123456789012"; number 123 with format 000000 → "000123" (padded);
 * text "00123" → "00123"; number 12345678901234567 → excluded roundedCell; date → excluded dateCell
 */
export function cellAsId(cell: Cell): IdCell {
  switch (cell.kind) {
    case 'empty':
      return { id: '', padded: false, excluded: null }
    case 'text':
      return { id: cell.text, padded: false, excluded: null }
    case 'boolean':
      return { id: null, padded: false, excluded: 'booleanCell', shown: booleanText(cell) }
    case 'error':
      return { id: null, padded: false, excluded: 'errorCell', shown: cell.text }
    case 'date':
      return { id: null, padded: false, excluded: 'dateCell', shown: cell.text }
    case 'number': {
      const value = cell.number
      if (!Number.isInteger(value)) {
        return { id: null, padded: false, excluded: 'decimalCell', shown: excelDecimal(value) }
      }
      const digits = plainDecimal(Math.abs(value))
      // More than 15 digits: Excel kept only the first 15, so the rest are zeros or rounding.
      if (digits.length > EXCEL_DIGITS || integerDigits(digits) > EXCEL_DIGITS) {
        return { id: null, padded: false, excluded: 'roundedCell', shown: plainDecimal(value) }
      }
      const padded = cell.padWidth > digits.length
      const shown = padded ? digits.padStart(cell.padWidth, '0') : digits
      return { id: value < 0 ? `-${shown}` : shown, padded, excluded: null }
    }
  }
}

function booleanText(cell: Cell): string {
  return cell.number !== 0 ? 'TRUE' : 'FALSE'
}

/**
 * How a cell reads as a property value ('' leaves the property as it is).
 * e.g. number 3 → "3"; 1.5 → "1.5"; number 42 with format 000000 → "000042"; date → "2025-07-01";
 * boolean → "true"; error "#N/A" → ""
 */
export function cellAsProperty(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
    case 'error':
      return ''
    case 'text':
    case 'date':
      return cell.text
    case 'boolean':
      return cell.number !== 0 ? 'true' : 'false'
    case 'number': {
      const value = cell.number
      const text = excelDecimal(value)
      if (cell.padWidth === 0 || !Number.isInteger(value) || value < 0) return text
      return text.padStart(cell.padWidth, '0')
    }
  }
}

/**
 * How a cell reads in a header row, or in the rows used to recognise one.
 * e.g. text " Account ID " → " Account ID "; number 2024 → "2024"; boolean → "TRUE"
 */
export function cellAsText(cell: Cell): string {
  switch (cell.kind) {
    case 'boolean':
      return booleanText(cell)
    case 'error':
      return cell.text
    default:
      return cellAsProperty(cell)
  }
}

const MS_PER_DAY = 86_400_000
/** Day 0 of Excel's 1900 system is 1899-12-31, and it counts a 29 February 1900 that never was. */
const EPOCH_1900 = Date.UTC(1899, 11, 30)
const EPOCH_1904 = Date.UTC(1904, 0, 1)

/**
 * An Excel date serial as the date it shows (the time of day dropped).
 * e.g. excelSerialDate(45839, false) → "2025-07-01"; excelSerialDate(0, true) → "1904-01-01"
 */
export function excelSerialDate(serial: number, date1904: boolean): string {
  let days = Math.floor(serial)
  // Serials 1–59 come before the phantom 29 February 1900, so they are one day later than the count.
  if (!date1904 && days < 60) days += 1
  const time = (date1904 ? EPOCH_1904 : EPOCH_1900) + days * MS_PER_DAY
  // A sheet's dates span a few thousand days at most, each read again and again.
  const known = dateTexts.get(time)
  if (known !== undefined) return known
  const text = new Date(time).toISOString().slice(0, 10)
  if (dateTexts.size >= DATE_TEXTS) dateTexts.clear()
  dateTexts.set(time, text)
  return text
}

/** Dates remembered as text: 40 years of days. */
const DATE_TEXTS = 16_384
const dateTexts = new Map<number, string>()

/** e.g. excelSerialTime(0.5) → "12:00:00"; excelSerialTime(1.75) → "18:00:00" */
export function excelSerialTime(serial: number): string {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400) % 86_400
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
}
