// What a number is in a "number" column: a plain decimal as exports write amounts, seats and
// counts. Deliberately narrow, so a column of codes is never compared as numbers by accident:
// - an optional sign, digits, and an optional fraction after a dot: "12", "-3.5", "+0.25", ".5";
// - spaces around it are ignored (" 3 " is 3): padded cells are common in fixed-width exports;
// - leading zeros are allowed ("0012" is 12): the column still matches as text for "is one of";
// - no thousands separators ("1,234"), decimal commas ("3,5"), exponents ("1e5": Excel's damage
//   to long IDs looks the same), currency signs, percents, "NaN" or "Infinity".

const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/

/**
 * The number a cell holds, or null when it is not one (see above).
 * e.g. " 3 " → 3; "0012" → 12; "-0.5" → -0.5; "1e5" → null; "1,234" → null; "" → null
 */
export function readNumberCell(cell: string): number | null {
  const text = cell.trim()
  if (!PLAIN_DECIMAL.test(text)) return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

/** True when the cell is empty or only spaces: it does not decide a column's kind. */
export function isBlankCell(cell: string): boolean {
  return cell.trim() === ''
}

/**
 * Each distinct value read as a number (NaN for blanks and non-numbers), and whether every
 * non-blank value is one (a "number" column needs at least one).
 * e.g. ["3", "", "4.5"] → { numbers: [3, NaN, 4.5], allNumbers: true }; ["3", "n/a"] → allNumbers false
 */
export function readNumberValues(values: readonly string[]): {
  numbers: Float64Array
  allNumbers: boolean
} {
  const numbers = new Float64Array(values.length)
  let allNumbers = true
  let any = false
  for (let i = 0; i < values.length; i++) {
    const cell = values[i] as string
    const value = readNumberCell(cell)
    numbers[i] = value ?? Number.NaN
    if (value !== null) any = true
    else if (!isBlankCell(cell)) allNumbers = false
  }
  return { numbers, allNumbers: allNumbers && any }
}
