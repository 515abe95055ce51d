import { idFromNumericKey, IdSet, numericIdKey } from './id-set'

/**
 * An ordered list of IDs that keeps each digit-only ID of up to 14 digits as its numeric key
 * (numericIdKey, which keeps "0012" and "12" apart) in a Float64Array, and only other IDs as
 * strings. Reading a file keeps nearly every ID it sees, and a string per ID costs garbage
 * collection time and several times the heap of a number (docs/performance.md). Strings are
 * made again only for what is shown or sent.
 * e.g. const list = IdList.from(["0012", "A7"]); list.at(0) → "0012"; list.length → 2
 */
export class IdList {
  private count = 0
  /** Per ID: its numeric key (≥ 0), or -(position in `others`) - 1. */
  private keys = new Float64Array(1024)
  private readonly others: string[] = []

  get length(): number {
    return this.count
  }

  static from(ids: Iterable<string>): IdList {
    const list = new IdList()
    for (const id of ids) list.push(id, numericIdKey(id))
    return list
  }

  /** Appends `id`, whose numericIdKey the caller already knows (-1 for none). */
  push(id: string, key: number): void {
    if (this.count === this.keys.length) {
      const bigger = new Float64Array(this.keys.length * 2)
      bigger.set(this.keys)
      this.keys = bigger
    }
    if (key === -1) {
      this.others.push(id)
      this.keys[this.count] = -this.others.length
    } else {
      this.keys[this.count] = key
    }
    this.count++
  }

  /** Appends the ID at `index` of `list` without making its string. */
  pushFrom(list: IdList, index: number): void {
    const key = list.keyAt(index)
    this.push(key === -1 ? list.at(index) : '', key)
  }

  /** The ID at `index` (0 ≤ index < length). */
  at(index: number): string {
    const key = this.keys[index] as number
    return key >= 0 ? idFromNumericKey(key) : (this.others[-key - 1] as string)
  }

  /** numericIdKey of the ID at `index`, without making its string; -1 for other IDs. */
  keyAt(index: number): number {
    const key = this.keys[index] as number
    return key >= 0 ? key : -1
  }

  /** True when `set` holds the ID at `index`. */
  isIn(set: IdSet, index: number): boolean {
    const key = this.keyAt(index)
    return set.hasWithKey(key === -1 ? this.at(index) : '', key)
  }

  /** Adds the ID at `index` to `set`; true when it was not there yet. */
  addTo(set: IdSet, index: number): boolean {
    const key = this.keyAt(index)
    return set.addWithKey(key === -1 ? this.at(index) : '', key)
  }

  /** The IDs from `start` up to (not including) `end`, as strings. */
  slice(start = 0, end = this.length): string[] {
    const from = Math.max(0, start)
    const to = Math.min(this.length, end)
    const ids: string[] = []
    for (let i = from; i < to; i++) ids.push(this.at(i))
    return ids
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i)
  }
}
