import type { Delimiter } from './types'

/** In order of preference when two separators fit equally well. */
export const DELIMITER_CANDIDATES: readonly Delimiter[] = ['\t', ';', ',', '|']

/** Separators outside double quotes, so "Smith, John" does not count as a comma column. */
function countOutsideQuotes(line: string, delimiter: string): number {
  const code = delimiter.charCodeAt(0)
  let count = 0
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === 34) quoted = !quoted
    else if (c === code && !quoted) count++
  }
  return count
}

/**
 * Finds the column separator from the first complete lines: the candidate that splits (nearly)
 * every line into the same number of columns; null when there is none (a one-column file).
 * e.g. ["id;name", "1;Ann", "2;Bo"] → ';'; ["12345", "1,23457E+11", "67890"] → null
 */
export function sniffDelimiter(lines: readonly string[]): Delimiter | null {
  const sample = lines.filter((line) => line.trim() !== '').slice(0, 50)
  if (sample.length === 0) return null
  let best: Delimiter | null = null
  let bestConsistency = 0
  for (const delimiter of DELIMITER_CANDIDATES) {
    const frequency = new Map<number, number>()
    for (const line of sample) {
      const count = countOutsideQuotes(line, delimiter)
      frequency.set(count, (frequency.get(count) ?? 0) + 1)
    }
    let modeCount = 0
    let modeLines = 0
    for (const [count, linesWithCount] of frequency) {
      if (linesWithCount > modeLines || (linesWithCount === modeLines && count > modeCount)) {
        modeCount = count
        modeLines = linesWithCount
      }
    }
    const consistency = modeLines / sample.length
    // A few ragged lines are tolerated in longer samples; short samples must agree fully.
    const required = sample.length <= 3 ? 1 : 0.8
    if (modeCount >= 1 && consistency >= required && consistency > bestConsistency) {
      best = delimiter
      bestConsistency = consistency
    }
  }
  return best
}
