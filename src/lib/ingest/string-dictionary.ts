// A dictionary of strings (distinct string → code, first seen first) as an open-addressing hash
// table of typed arrays: a column's values in Segments' "Keep rows where…", an IdSet's IDs. A
// Map<string, number> per column cost most of the time spent keeping a 1,000,000-row × 20-column
// export: its near-unique columns (emails, ticket IDs) each put a million entries in a Map, whose
// growth and per-entry objects the garbage collector must walk. Here the table holds only
// integers, so it grows by copying integers and the GC never looks in.

/** Slots are kept at most half full: a free slot is then found within a few probes. */
const MAX_LOAD = 0.5
const INITIAL_SLOTS = 64

/**
 * FNV-1a over the UTF-16 code units, then Murmur3's finaliser so that the low bits (the slot)
 * depend on every character: IDs such as "T1000000"…"T1999999" differ only at the end.
 */
function hashOf(value: string, seed: number): number {
  let hash = seed
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193)
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) | 0
}

/**
 * Distinct strings numbered in the order first seen.
 * e.g. codeOf("Gold") → 0, codeOf("Silver") → 1, codeOf("Gold") → 0; values ["Gold", "Silver"]
 */
export class StringDictionary {
  readonly values: string[] = []
  /** slots[i]: the code stored there plus one; 0 for a free slot. */
  private slots = new Int32Array(INITIAL_SLOTS)
  /** hashes[code]: the hash of values[code], to compare before the strings and to grow. */
  private hashes = new Int32Array(INITIAL_SLOTS)
  // A seed per table: a file crafted so that its cells collide cannot know it in advance.
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0
  /** copy(cell): the string kept for a new value (e.g. one that holds no view of a larger text). */
  private readonly copy: (cell: string) => string

  constructor(copy: (cell: string) => string = (cell) => cell) {
    this.copy = copy
  }

  get size(): number {
    return this.values.length
  }

  /** The code of `cell`, adding it when it is new. */
  codeOf(cell: string): number {
    const hash = hashOf(cell, this.seed)
    const slot = this.slotOf(cell, hash)
    const stored = this.slots[slot] as number
    return stored === 0 ? this.add(cell, hash, slot) : stored - 1
  }

  /** The code of `cell`, or -1 when it is not in the dictionary. */
  find(cell: string): number {
    return (this.slots[this.slotOf(cell, hashOf(cell, this.seed))] as number) - 1
  }

  /** The slot holding `cell`, or the free slot where it would go. */
  private slotOf(cell: string, hash: number): number {
    const slots = this.slots
    const mask = slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot] as number
      if (stored === 0) return slot
      const code = stored - 1
      if (this.hashes[code] === hash && this.values[code] === cell) return slot
    }
  }

  private add(cell: string, hash: number, slot: number): number {
    const code = this.values.length
    this.values.push(this.copy(cell))
    if (code === this.hashes.length) {
      const hashes = new Int32Array(code * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
    }
    this.hashes[code] = hash
    this.slots[slot] = code + 1
    if (this.values.length > this.slots.length * MAX_LOAD) this.rehash(this.slots.length * 2)
    return code
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size)
    const mask = size - 1
    const hashes = this.hashes
    for (let code = 0; code < this.values.length; code++) {
      let slot = (hashes[code] as number) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = code + 1
    }
    this.slots = slots
  }
}
