import { MAX_ID_LENGTH } from './clean-id'

/** Counts numeric IDs by length while streaming, without keeping anything per ID. */
export class LengthTally {
  /** counts[n]: numeric IDs with n digits. */
  readonly counts = new Uint32Array(MAX_ID_LENGTH + 1)
  /** leadingZero[n]: numeric IDs with n digits that start with 0. */
  readonly leadingZero = new Uint32Array(MAX_ID_LENGTH + 1)

  /** Call with each unique, all-digit ID. */
  add(numericId: string): void {
    const length = Math.min(numericId.length, MAX_ID_LENGTH)
    this.counts[length] = (this.counts[length] ?? 0) + 1
    if (numericId.charCodeAt(0) === 48) {
      this.leadingZero[length] = (this.leadingZero[length] ?? 0) + 1
    }
  }
}

export interface MixedLengthsFinding {
  /** The length most numeric IDs have. */
  typicalLength: number
  numericCount: number
  /** Numeric IDs shorter than typicalLength. */
  shortCount: number
  shortestLength: number
  /** Typical-length IDs starting with 0: proof that zeros matter in this column. */
  typicalWithLeadingZero: number
}

/** Fewer numeric IDs than this say nothing about a column's usual length. */
const MIN_NUMERIC_IDS = 20
/** The usual length must cover at least this share of numeric IDs to call the others "short". */
const MIN_TYPICAL_SHARE = 0.75
/** Below this, IDs of varying length are normal (small counters), not lost zeros. */
const MIN_TYPICAL_LENGTH = 4

/**
 * Spots a column where most numeric IDs share one length but some are shorter, the trace Excel
 * leaves when it strips leading zeros. Returns null when the column looks consistent.
 * e.g. 97 eight-digit IDs + 3 of 5–7 digits (of 100 IDs) → { typicalLength: 8, shortCount: 3, shortestLength: 5, … }
 */
export function findMixedLengths(tally: LengthTally, totalIds: number): MixedLengthsFinding | null {
  let numericCount = 0
  let typicalLength = 0
  let typicalCount = 0
  tally.counts.forEach((count, length) => {
    numericCount += count
    if (count > typicalCount) {
      typicalCount = count
      typicalLength = length
    }
  })
  if (numericCount < MIN_NUMERIC_IDS || numericCount < totalIds / 2) return null
  if (typicalLength < MIN_TYPICAL_LENGTH || typicalCount < numericCount * MIN_TYPICAL_SHARE) {
    return null
  }
  let shortCount = 0
  let shortestLength = typicalLength
  for (let length = 1; length < typicalLength; length++) {
    const count = tally.counts[length] ?? 0
    if (count > 0) {
      shortCount += count
      shortestLength = Math.min(shortestLength, length)
    }
  }
  if (shortCount === 0) return null
  return {
    typicalLength,
    numericCount,
    shortCount,
    shortestLength,
    typicalWithLeadingZero: tally.leadingZero[typicalLength] ?? 0,
  }
}
