// How many rows a sheet will hand over, judged before it is read through, so that whoever keeps
// its rows (a column table, the ID collector) makes room once instead of doubling its arrays as
// the rows come (each doubling a copy, old and new held at once). Everything here comes from
// the file, so it is only ever a hint for room, and bounded: a wrong guess costs a regrowth or a
// trim, never an absurd allocation.
import { MAX_ROWS } from './workbook-types'

/**
 * The fewest bytes of sheet XML a row that holds a value takes: `<row><c><v>0</v></c></row>`.
 * A part of N bytes cannot hold more than N / MIN_ROW_BYTES such rows.
 */
export const MIN_ROW_BYTES = 25

/**
 * The rows a `<dimension ref>` declares, or null when it says nothing usable.
 * e.g. dimensionRows('A1:T1000001') → 1000001; dimensionRows('B3:C7') → 5; dimensionRows('A1') → 1; dimensionRows('junk') → null
 */
export function dimensionRows(ref: string | undefined): number | null {
  const match =
    ref === undefined
      ? null
      : /^\$?[A-Z]{1,3}\$?(\d{1,7})(?::\$?[A-Z]{1,3}\$?(\d{1,7}))?$/.exec(ref)
  if (match === null) return null
  const first = Number(match[1])
  const last = match[2] === undefined ? first : Number(match[2])
  return first >= 1 && last >= first ? last - first + 1 : null
}

/** What a reader knows of a sheet when it is asked how many rows the sheet holds. */
export interface SheetSize {
  /** The sheet part's size in bytes, as its zip entry announces it (never read past). */
  partBytes: number
  /** The rows its `<dimension>` declares (dimensionRows), null without one. */
  declaredRows: number | null
  /** Rows started so far, and the character offsets of the first and of the latest one's `<row`. */
  rowsSeen: number
  firstRowAt: number
  latestRowAt: number
}

/**
 * The rows to make room for: the declared dimension when the rows read so far make it plausible
 * (within a factor of 2 of the part's size at their density), else that density's estimate; never
 * more than the part's size can hold, nor than a sheet has. undefined when nothing tells.
 * e.g. a 700 MB part, 51 rows seen at 700 characters each, no dimension → ≈ 1,000,000
 */
export function expectedSheetRows(size: SheetSize): number | undefined {
  const { partBytes, declaredRows, rowsSeen, firstRowAt, latestRowAt } = size
  const bound = Math.min(MAX_ROWS, Math.floor(partBytes / MIN_ROW_BYTES))
  let byDensity: number | null = null
  if (rowsSeen >= 2 && latestRowAt > firstRowAt) {
    const charsPerRow = (latestRowAt - firstRowAt) / (rowsSeen - 1)
    byDensity = Math.round(Math.max(0, partBytes - firstRowAt) / charsPerRow)
  }
  let estimate: number | null
  if (declaredRows === null) estimate = byDensity
  else if (byDensity === null) estimate = declaredRows
  else {
    const plausible = declaredRows <= byDensity * 2 && declaredRows * 2 >= byDensity
    estimate = plausible ? declaredRows : byDensity
  }
  if (estimate === null) return undefined
  return Math.min(bound, estimate)
}
