// The shape a table of rows is read through: each column a dictionary of its distinct values and
// one code per row into it (see worker/rows/column-table.ts). Everything in domain/rows works on
// this, so a condition or a profile costs one pass per distinct value plus one over the codes.

/**
 * One code per row, as narrow as the column's distinct values allow (most columns of an export
 * are categories of a few values: one byte a row instead of four).
 */
export type CodeArray = Uint8Array | Uint16Array | Uint32Array

/** One column: `values[codes[row]]` is the cell of `row`. */
export interface CodedColumn {
  readonly name: string
  /** Distinct cells in first-seen order, exactly as read (no trimming, case kept). */
  readonly values: readonly string[]
  /** One code per row, `rowCount` long. */
  readonly codes: CodeArray
}

export interface CodedTable {
  readonly rowCount: number
  readonly columns: readonly CodedColumn[]
}

const WHITESPACE = /\s+/g

function looseName(name: string): string {
  return name.normalize('NFC').replace(WHITESPACE, ' ').trim().toLowerCase()
}

/**
 * The column a condition or recipe names: the exact header first, else the only header equal to
 * it once case and spaces are ignored (next week's export may write "Plan type "); -1 otherwise.
 * e.g. (["Plan Type", "Seats"], "plan type") → 0; (["Plan", "plan"], "PLAN") → -1
 */
export function findColumn(columns: readonly { readonly name: string }[], name: string): number {
  const exact = columns.findIndex((column) => column.name === name)
  if (exact !== -1) return exact
  const wanted = looseName(name)
  let found = -1
  for (let i = 0; i < columns.length; i++) {
    if (looseName(columns[i]?.name ?? '') !== wanted) continue
    if (found !== -1) return -1
    found = i
  }
  return found
}

/**
 * Rows per distinct value of a column (over the rows `mask` keeps, or all rows without one).
 * e.g. values ["Gold", "Silver"], codes [0, 1, 0] → [2, 1]
 */
export function countByValue(
  column: CodedColumn,
  rowCount: number,
  mask?: Uint8Array,
): Uint32Array {
  const counts = new Uint32Array(column.values.length)
  const codes = column.codes
  if (mask === undefined) {
    for (let row = 0; row < rowCount; row++) {
      const code = codes[row] as number
      counts[code] = (counts[code] as number) + 1
    }
  } else {
    for (let row = 0; row < rowCount; row++) {
      if (mask[row] !== 1) continue
      const code = codes[row] as number
      counts[code] = (counts[code] as number) + 1
    }
  }
  return counts
}
