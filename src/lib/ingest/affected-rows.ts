import { shortenForDisplay } from '../format'
import type { IssueExample, IssueKind } from './types'

/**
 * Affected rows kept in memory per kind (about 30 bytes each); beyond this the download reads the
 * source again. A million covers the 5 % duplicates of a 10-million-row file.
 */
export const STORED_RECORDS_PER_KIND = 1_000_000

interface KindRecords {
  count: number
  rows: number[]
  originals: string[]
}

/**
 * Every affected row per issue kind as two flat arrays (row numbers, original values), so a
 * million duplicates cost two array slots each rather than an object each.
 */
export class IssueRecords {
  private readonly byKind = new Map<IssueKind, KindRecords>()
  private readonly storeLimit: (kind: IssueKind) => number

  /** storeLimit: how many rows of a kind to keep (they are all counted either way). */
  constructor(storeLimit: (kind: IssueKind) => number = () => STORED_RECORDS_PER_KIND) {
    this.storeLimit = storeLimit
  }

  add(kind: IssueKind, row: number, original: string): void {
    let records = this.byKind.get(kind)
    if (records === undefined) {
      records = { count: 0, rows: [], originals: [] }
      this.byKind.set(kind, records)
    }
    records.count++
    if (records.rows.length < this.storeLimit(kind)) {
      records.rows.push(row)
      records.originals.push(original)
    }
  }

  count(kind: IssueKind): number {
    return this.byKind.get(kind)?.count ?? 0
  }

  rows(kind: IssueKind): readonly number[] {
    return this.byKind.get(kind)?.rows ?? []
  }

  originals(kind: IssueKind): readonly string[] {
    return this.byKind.get(kind)?.originals ?? []
  }

  /** True when every affected row of the kind is stored (the download needs no second read). */
  isComplete(kind: IssueKind): boolean {
    const records = this.byKind.get(kind)
    return records === undefined || records.rows.length === records.count
  }
}

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/

/**
 * One CSV cell, safe to open in Excel: a leading = + - @ tab or CR gets a "'" so it is not run as
 * a formula, and cells with commas, quotes, line breaks or edge spaces are quoted.
 * e.g. "=HYPERLINK(…)" → "'=HYPERLINK(…)"; 'a,"b"' → '"a,""b"""'; "12345" → "12345"
 */
export function escapeCsvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const LINES_PER_PART = 10_000

/**
 * Builds the "file,row,original value,outcome" CSV of affected rows in parts, so a million rows
 * never become one giant string.
 * e.g. add("a.csv", [3], ["1.2E+11"], () => "Excluded") then toBlob() → "file,row,original value,outcome\na.csv,3,1.2E+11,Excluded\n"
 */
export class AffectedRowsCsv {
  private readonly parts: string[] = ['file,row,original value,outcome\n']
  private lines: string[] = []

  add(
    file: string,
    rows: readonly number[],
    originals: readonly string[],
    outcome: (original: string, index: number) => string,
  ): void {
    const fileCell = escapeCsvCell(file)
    for (let i = 0; i < rows.length; i++) {
      const original = originals[i] ?? ''
      this.lines.push(
        `${fileCell},${rows[i]},${escapeCsvCell(original)},${escapeCsvCell(outcome(original, i))}`,
      )
      if (this.lines.length === LINES_PER_PART) this.flush()
    }
  }

  toBlob(): Blob {
    this.flush()
    return new Blob(this.parts, { type: 'text/csv;charset=utf-8' })
  }

  private flush(): void {
    if (this.lines.length === 0) return
    this.parts.push(this.lines.join('\n') + '\n')
    this.lines = []
  }
}

/**
 * The first `limit` stored rows of a kind as examples.
 * e.g. examplesOf(records, 'blank', 'ids.csv', () => 'Skipped') → [{ file: 'ids.csv', row: 7, original: '', outcome: 'Skipped' }]
 */
export function examplesOf(
  records: IssueRecords,
  kind: IssueKind,
  file: string,
  outcome: (original: string) => string,
  limit = 5,
): IssueExample[] {
  const rows = records.rows(kind)
  const originals = records.originals(kind)
  const examples: IssueExample[] = []
  for (let i = 0; i < Math.min(limit, rows.length); i++) {
    const original = originals[i] ?? ''
    // Examples are for the page; the download keeps every value whole.
    examples.push({
      file,
      row: rows[i] ?? 0,
      original: shortenForDisplay(original),
      outcome: shortenForDisplay(outcome(original)),
    })
  }
  return examples
}
