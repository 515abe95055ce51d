import { StringDictionary } from './string-dictionary'

/** Digit-only IDs up to this length get a numeric key; 14 digits × 16 stays below 2^53. */
export const MAX_NUMERIC_KEY_DIGITS = 14

/**
 * A key that is equal for two digit-only strings exactly when the strings are equal: the value
 * times 16 plus the length, so "0012" and "12" differ. -1 when the string does not qualify.
 * e.g. numericIdKey("0012") → 196; numericIdKey("12") → 194; numericIdKey("12a") → -1
 */
export function numericIdKey(id: string): number {
  const length = id.length
  if (length === 0 || length > MAX_NUMERIC_KEY_DIGITS) return -1
  let value = 0
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return keyOfDigits(value, length)
}

/**
 * The numericIdKey of a digit-only string of `length` digits whose value is `value`, for a reader
 * that met the digits elsewhere than in a string (e.g. as bytes).
 * e.g. keyOfDigits(12, 4) → 196 ("0012")
 */
export function keyOfDigits(value: number, length: number): number {
  return value * 16 + length
}

/**
 * The ID a numeric key stands for: the inverse of numericIdKey.
 * e.g. idFromNumericKey(196) → "0012"; idFromNumericKey(194) → "12"
 */
export function idFromNumericKey(key: number): string {
  const length = key % 16
  const digits = String((key - length) / 16)
  return digits.length === length ? digits : digits.padStart(length, '0')
}

const EMPTY = 0
const MAX_LOAD = 0.6
/** reserve() stops at 2^24 slots (128 MB), room for 10 million keys; beyond, the set grows as keys come. */
const MAX_RESERVED_BITS = 24

/**
 * A set of numeric ID keys (see numericIdKey) in one Float64Array with linear probing: about
 * five times faster than a Set of strings for millions of digit-only IDs, and no object per ID.
 * e.g. const set = new NumericIdSet(); set.add(196) → true; set.add(196) → false
 */
export class NumericIdSet {
  size = 0
  private table = new Float64Array(1 << 16)
  private mask = (1 << 16) - 1
  private shift = 32 - 16

  /** Adds a key (> 0); true when it was not in the set yet. */
  add(key: number): boolean {
    if (this.size >= this.table.length * MAX_LOAD) this.grow()
    const table = this.table
    const mask = this.mask
    let slot = hash(key) >>> this.shift
    for (;;) {
      const current = table[slot]
      if (current === EMPTY) {
        table[slot] = key
        this.size++
        return true
      }
      if (current === key) return false
      slot = (slot + 1) & mask
    }
  }

  has(key: number): boolean {
    const table = this.table
    const mask = this.mask
    let slot = hash(key) >>> this.shift
    for (;;) {
      const current = table[slot]
      if (current === EMPTY) return false
      if (current === key) return true
      slot = (slot + 1) & mask
    }
  }

  /**
   * Makes room for `count` keys at once. Growing step by step allocates a fresh table and
   * rehashes every key at each doubling, and each fresh table's pages are first written in
   * scattered order, which some machines make very slow (docs/performance.md).
   */
  reserve(count: number): void {
    const bits = Math.min(MAX_RESERVED_BITS, Math.ceil(Math.log2(count / MAX_LOAD)))
    if (1 << bits > this.table.length) this.rehash(bits)
  }

  private grow(): void {
    this.rehash(32 - this.shift + 1)
  }

  private rehash(bits: number): void {
    const old = this.table
    this.table = new Float64Array(1 << bits)
    this.mask = this.table.length - 1
    this.shift = 32 - bits
    this.size = 0
    for (let i = 0; i < old.length; i++) {
      const key = old[i] ?? EMPTY
      if (key !== EMPTY) this.add(key)
    }
  }
}

/**
 * Fibonacci hashing of both 32-bit halves; the caller keeps the top bits, which depend on every
 * input bit, so sequential IDs spread over the table.
 */
function hash(key: number): number {
  const low = key >>> 0
  const high = (key / 4294967296) >>> 0
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1)
}

/**
 * Other IDs a set holds at most: the cap of V8's own Set, which the readers turn into a sentence
 * (a file with more different IDs than the browser can hold).
 */
export const MAX_STRING_IDS = 2 ** 24

/**
 * A set of exact ID strings: digit-only IDs (up to 14 digits) by numeric key in a NumericIdSet,
 * all others in a StringDictionary (a Set of a million ticket IDs such as "T1000000" took several
 * times as long to fill, and its entries are objects the garbage collector walks). Leading zeros
 * are kept apart by the key.
 * e.g. const ids = new IdSet(); ids.add("0012") → true; ids.add("12") → true; ids.has("0012") → true
 */
export class IdSet {
  private readonly numeric = new NumericIdSet()
  private readonly strings = new StringDictionary()
  private readonly maxStringIds: number
  /** Digit-only IDs to make room for at the first of them (see reserve). */
  private pendingReserve = 0

  /** maxStringIds: other IDs held at most before add throws a RangeError. */
  constructor(maxStringIds = MAX_STRING_IDS) {
    this.maxStringIds = maxStringIds
  }

  get size(): number {
    return this.numeric.size + this.strings.size
  }

  /**
   * Makes room for `count` digit-only IDs at once (see NumericIdSet.reserve), when the first of
   * them comes: a file of other IDs (ticket IDs such as "T1000000") never pays for that table,
   * 16 MB for a million.
   */
  reserve(count: number): void {
    this.pendingReserve = count
  }

  /** Adds an ID whose numericIdKey the caller already knows (-1 for none); true when new. */
  addWithKey(id: string, key: number): boolean {
    if (key !== -1) {
      if (this.pendingReserve !== 0) {
        this.numeric.reserve(this.pendingReserve)
        this.pendingReserve = 0
      }
      return this.numeric.add(key)
    }
    const before = this.strings.size
    if (before >= this.maxStringIds && this.strings.find(id) === -1) {
      throw new RangeError(`An IdSet holds at most ${this.maxStringIds} IDs that are not digits.`)
    }
    return this.strings.codeOf(id) === before
  }

  add(id: string): boolean {
    return this.addWithKey(id, numericIdKey(id))
  }

  /** Like has, for an ID whose numericIdKey the caller already knows (-1 for none). */
  hasWithKey(id: string, key: number): boolean {
    return key === -1 ? this.strings.find(id) !== -1 : this.numeric.has(key)
  }

  has(id: string): boolean {
    return this.hasWithKey(id, numericIdKey(id))
  }
}
