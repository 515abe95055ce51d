// How this browser read an export last time, so next week's file of the same shape is read the
// same way. Each feature keeps its own choices (segments: the ID column; properties: the column
// mapping); this module only knows how a header row is recognised and how entries are kept.

/** One remembered choice: the header row it belongs to, the choice, and when it was made. */
export interface RememberedReading<T> {
  signature: string
  choice: T
  /** Milliseconds since 1970; the oldest entries make room for new ones. */
  savedAt: number
}

/** Every remembered choice of one kind, most recent first. */
export type ReadingMemory<T> = readonly RememberedReading<T>[]

/** Exports remembered per kind at most: a club has a handful of weekly exports, not hundreds. */
export const MAX_REMEMBERED_READINGS = 50

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g
const WHITESPACE = /\s+/g
/** Cannot occur in a header name once whitespace is collapsed: a safe joint. */
const JOINT = '\u001F'

/**
 * The header row as this week's and next week's export both write it: invisible characters
 * dropped, spaces trimmed and collapsed, letter case ignored, column order kept (a column moved
 * means the file is read differently). '' for a table without a header row.
 * e.g. ['Account ID', ' E-mail\u00A0'] and ['account  id', 'e-mail'] → the same signature
 */
export function headerSignature(columns: readonly string[]): string {
  return columns
    .map((column) =>
      column.normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim().toLowerCase(),
    )
    .join(JOINT)
}

/**
 * A workbook as next week's copy of it will look before any sheet is read: its sheet names, in
 * order, compared as header names are.
 * e.g. ['Summary', 'Renewals '] and ['summary', 'renewals'] → the same signature
 */
export function sheetsSignature(sheetNames: readonly string[]): string {
  return headerSignature(sheetNames)
}

/**
 * The choice remembered for `signature`, or null.
 * e.g. recall([{ signature: 's', choice: 2, savedAt: 1 }], 's') → 2
 */
export function recall<T>(memory: ReadingMemory<T>, signature: string): T | null {
  if (signature === '') return null
  return memory.find((entry) => entry.signature === signature)?.choice ?? null
}

/**
 * The memory with `choice` kept for `signature`, first, in place of any earlier one; the oldest
 * entries beyond MAX_REMEMBERED_READINGS are dropped.
 * e.g. remember([], 's', 2, 10) → [{ signature: 's', choice: 2, savedAt: 10 }]
 */
export function remember<T>(
  memory: ReadingMemory<T>,
  signature: string,
  choice: T,
  now: number,
): ReadingMemory<T> {
  if (signature === '') return memory
  const others = memory.filter((entry) => entry.signature !== signature)
  return [{ signature, choice, savedAt: now }, ...others]
    .sort((a, b) => b.savedAt - a.savedAt)
    .slice(0, MAX_REMEMBERED_READINGS)
}

/**
 * The memory without the choice for `signature`.
 * e.g. forget([{ signature: 's', choice: 2, savedAt: 1 }], 's') → []
 */
export function forget<T>(memory: ReadingMemory<T>, signature: string): ReadingMemory<T> {
  return memory.filter((entry) => entry.signature !== signature)
}
