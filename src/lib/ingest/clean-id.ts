import { MAX_NUMERIC_KEY_DIGITS, numericIdKey } from './id-set'

/** IDs longer than this are kept but flagged: no ticketing or CRM ID is that long. */
export const MAX_ID_LENGTH = 256

/** Bit flags for what cleaning found in one value; several can be set at once. */
export const CLEAN_FLAG = {
  trimmed: 1,
  blank: 2,
  scientific: 4,
  decimalSuffix: 8,
  composite: 16,
  tooLong: 32,
  controlChars: 64,
} as const

export type CleanFlagName = keyof typeof CLEAN_FLAG

/** The outcome for one raw value; reused across rows by the streaming parser to avoid garbage. */
export interface CleanOutcome {
  /** The ID to keep, or null when the value is dropped (blank) or excluded (scientific). */
  value: string | null
  /** OR of CLEAN_FLAG bits. */
  flags: number
  /** numericIdKey of the kept value (digit-only, up to 14 digits), else -1: the fast dedup key. */
  numericKey: number
}

// Zero-width characters are never part of a real ID; String.prototype.trim leaves them.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g
const HAS_ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/
// Excel writes large numbers as "1.23457E+11" (or "1,23457E+11" with a decimal comma); the sign is
// always there, so text IDs like "12E45" are not mistaken for it.
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]\d+$/
// One or two zeros only: "1.000" may be a thousands separator, not a decimal suffix.
const DECIMAL_SUFFIX = /^(\d+)\.0{1,2}$/
const COMPOSITE_SEPARATOR = /[:|/]/

function isPlainIdChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95
  )
}

function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 32 || (c >= 127 && c <= 159)) return true
  }
  return false
}

/** A fresh outcome object to pass to cleanIdInto. */
export function createCleanOutcome(): CleanOutcome {
  return { value: null, flags: 0, numericKey: -1 }
}

/**
 * Cleans one raw value into `out` (no allocation on the common path of a plain ID).
 * e.g. " 0012345\u00A0" → value "0012345", flags trimmed; "1.23457E+11" → value null, flags scientific
 */
export function cleanIdInto(raw: string, out: CleanOutcome): void {
  const length = raw.length
  let plain = length > 0 && length <= MAX_ID_LENGTH
  let digits = true
  let number = 0
  for (let i = 0; plain && i < length; i++) {
    const c = raw.charCodeAt(i)
    if (c < 48 || c > 57) {
      digits = false
      plain = isPlainIdChar(c)
    } else if (digits) {
      number = number * 10 + (c - 48)
    }
  }
  if (plain) {
    out.value = raw
    out.flags = 0
    out.numericKey = digits && length <= MAX_NUMERIC_KEY_DIGITS ? number * 16 + length : -1
    return
  }

  let flags = 0
  let value = HAS_ZERO_WIDTH.test(raw) ? raw.replace(ZERO_WIDTH, '') : raw
  value = value.trim()
  if (value === '') {
    out.value = null
    out.flags = CLEAN_FLAG.blank
    out.numericKey = -1
    return
  }
  if (value.length !== length) flags |= CLEAN_FLAG.trimmed
  if (SCIENTIFIC.test(value)) {
    out.value = null
    out.flags = flags | CLEAN_FLAG.scientific
    out.numericKey = -1
    return
  }
  const decimal = DECIMAL_SUFFIX.exec(value)
  if (decimal?.[1] !== undefined) {
    value = decimal[1]
    flags |= CLEAN_FLAG.decimalSuffix
  }
  const separator = value.search(COMPOSITE_SEPARATOR)
  if (separator > 0 && separator < value.length - 1) flags |= CLEAN_FLAG.composite
  if (value.length > MAX_ID_LENGTH) flags |= CLEAN_FLAG.tooLong
  if (hasControlChar(value)) flags |= CLEAN_FLAG.controlChars
  out.value = value
  out.flags = flags
  out.numericKey = numericIdKey(value)
}

/**
 * Convenience form of cleanIdInto for one value.
 * e.g. cleanId("12345.0") → { value: "12345", flags: CLEAN_FLAG.decimalSuffix, numericKey: 197525 }
 */
export function cleanId(raw: string): CleanOutcome {
  const out = createCleanOutcome()
  cleanIdInto(raw, out)
  return out
}
