// The CSV card's lower bound on the machine the bench runs on: the tightest reader of the
// ticketing export we could write, measured beside the card (docs/performance.md, "Why the CSV card
// stays above 3 s"). It reads bytes, never strings: each cell is found and hashed in one pass over
// the file, and coded into a dictionary of byte ranges (no string per value). It is not a reader
// the console could use: no quotes, no encodings but ASCII-compatible ones, no cleaning, no ID
// set, no profiles; anything it would need is only missing from it, never faked. Three depths:
// - scan: cells found and hashed, nothing kept;
// - categorical: columns coded until one has more than CATEGORICAL_LIMIT distinct values, when
//   that column stops being coded (what a reader coding near-unique columns on demand would do);
// - every: every column coded, as the card needs for each column's values.
import { blobChunks } from '../../src/lib/ingest/blob-chunks'
import { concatBytes } from '../../src/lib/ingest/concat-bytes'
import { CATEGORICAL_LIMIT, type ByteScanDepth, type ByteScanFigures } from './protocol'

const COMMA = 0x2c
const LINE_FEED = 0x0a
const CARRIAGE_RETURN = 0x0d
const QUOTE = 0x22
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/** Murmur3's finaliser: the slot's low bits then depend on every byte of the cell. */
function mix(hash: number): number {
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  return hash ^ (hash >>> 16)
}

/**
 * Distinct byte strings numbered in the order first seen, kept in one growing byte arena: what
 * StringDictionary does for strings, with the hash handed in by the scan that found the cell.
 */
export class ByteDictionary {
  size = 0
  private slots = new Int32Array(64)
  private hashes = new Int32Array(64)
  /** Value `code` is arena[ends[code - 1] … ends[code]) (ends[-1] read as 0). */
  private ends = new Uint32Array(64)
  private arena = new Uint8Array(4096)
  private used = 0

  /** The code of bytes[start…end), whose FNV-1a hash (before mixing) the scan gives. */
  codeOf(bytes: Uint8Array, start: number, end: number, fnv: number): number {
    const hash = mix(fnv)
    const slots = this.slots
    const mask = slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot] as number
      if (stored === 0) return this.add(bytes, start, end, hash, slot)
      const code = stored - 1
      if (this.hashes[code] === hash && this.equals(code, bytes, start, end)) return code
    }
  }

  /** The bytes of value `code`. */
  bytesOf(code: number): Uint8Array {
    const from = code === 0 ? 0 : (this.ends[code - 1] as number)
    return this.arena.subarray(from, this.ends[code])
  }

  private equals(code: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = code === 0 ? 0 : (this.ends[code - 1] as number)
    const length = end - start
    if ((this.ends[code] as number) - from !== length) return false
    const arena = this.arena
    for (let i = 0; i < length; i++) if (arena[from + i] !== bytes[start + i]) return false
    return true
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const code = this.size++
    if (code === this.hashes.length) {
      this.hashes = grown(this.hashes, code * 2)
      this.ends = grown(this.ends, code * 2)
    }
    const length = end - start
    if (this.used + length > this.arena.length) {
      this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.used + length))
    }
    this.arena.set(bytes.subarray(start, end), this.used)
    this.used += length
    this.ends[code] = this.used
    this.hashes[code] = hash
    this.slots[slot] = code + 1
    if (this.size * 2 > this.slots.length) this.rehash()
    return code
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let code = 0; code < this.size; code++) {
      let slot = (this.hashes[code] as number) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = code + 1
    }
    this.slots = slots
  }
}

function fnvOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), FNV_PRIME)
  return hash
}

function grown<T extends Uint8Array | Int32Array | Uint32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length)
  bigger.set(array)
  return bigger
}

/** Rows of room for codes before the first chunk tells how many the file holds. */
const INITIAL_ROWS = 65_536

/** One column at a depth that codes it: its dictionary and one code per row. */
export class CodedBytes {
  readonly dictionary = new ByteDictionary()
  codes: Uint32Array
  coding = true

  constructor(rows: number) {
    this.codes = new Uint32Array(rows)
  }
}

/**
 * Reads comma-separated, quote-free bytes (LF or CRLF rows; a final line break or none) at a
 * depth, chunk by chunk. Throws on a quote: this reader does not read quoted cells.
 */
class ByteTableScan {
  rows = 0
  readonly columns: CodedBytes[] = []
  private readonly depth: ByteScanDepth
  /** Rows the file holds as its first chunk suggests: the room codes grow to at once. */
  private expectedRows = INITIAL_ROWS
  private estimated = false
  private readonly sizeBytes: number
  // Where each cell of the current row starts, and its hash, as the scan passes them.
  private cellStarts = new Int32Array(64)
  private cellHashes = new Int32Array(64)

  constructor(depth: ByteScanDepth, sizeBytes: number) {
    this.depth = depth
    this.sizeBytes = sizeBytes
  }

  /** Scans `bytes`; answers the unfinished last row (everything at the end: none). */
  scan(bytes: Uint8Array, isLast: boolean): Uint8Array {
    const coding = this.depth !== 'scan'
    let starts = this.cellStarts
    let hashes = this.cellHashes
    let cell = 0
    let hash = FNV_OFFSET
    let rowStart = 0
    starts[0] = 0
    for (let at = 0; at < bytes.length; at++) {
      const byte = bytes[at] as number
      if (byte === COMMA) {
        hashes[cell] = hash
        if (++cell === starts.length) {
          this.cellStarts = starts = grown(starts, cell * 2)
          this.cellHashes = hashes = grown(hashes, cell * 2)
        }
        starts[cell] = at + 1
        hash = FNV_OFFSET
      } else if (byte === LINE_FEED) {
        hashes[cell] = hash
        if (coding) this.codeRow(bytes, cell, at)
        this.rows++
        cell = 0
        hash = FNV_OFFSET
        rowStart = at + 1
        starts[0] = rowStart
      } else if (byte === QUOTE) {
        throw new Error('The byte scan reads only files without quotes.')
      } else {
        hash = Math.imul(hash ^ byte, FNV_PRIME)
      }
    }
    if (!isLast) {
      // The first chunk's rows tell how many the file holds, for the codes' room.
      if (!this.estimated && this.rows > 0) {
        this.expectedRows = Math.ceil((this.sizeBytes / rowStart) * this.rows * 1.05)
        this.estimated = true
      }
      return bytes.slice(rowStart)
    }
    if (rowStart < bytes.length) {
      hashes[cell] = hash
      if (coding) this.codeRow(bytes, cell, bytes.length)
      this.rows++
    }
    return new Uint8Array(0)
  }

  private codeRow(bytes: Uint8Array, lastCell: number, rowEnd: number): void {
    const starts = this.cellStarts
    const hashes = this.cellHashes
    const row = this.rows
    // A CRLF row's last cell was hashed with its CR, which is not part of the value.
    if (rowEnd > (starts[lastCell] as number) && bytes[rowEnd - 1] === CARRIAGE_RETURN) {
      rowEnd--
      hashes[lastCell] = fnvOf(bytes, starts[lastCell] as number, rowEnd)
    }
    starts[lastCell + 1] = rowEnd + 1
    for (let cell = 0; cell <= lastCell; cell++) {
      const column = this.columns[cell] ?? this.addColumn(cell)
      if (!column.coding) continue
      if (row === column.codes.length) {
        column.codes = grown(column.codes, Math.max(row * 2, this.expectedRows))
      }
      const code = column.dictionary.codeOf(
        bytes,
        starts[cell] as number,
        (starts[cell + 1] as number) - 1,
        hashes[cell] as number,
      )
      column.codes[row] = code
      if (code >= CATEGORICAL_LIMIT && this.depth === 'categorical') column.coding = false
    }
  }

  private addColumn(cell: number): CodedBytes {
    const column = new CodedBytes(Math.max(this.expectedRows, this.rows + 1))
    this.columns[cell] = column
    return column
  }
}

/**
 * scanBytes reads `chunks` at `depth`; sizeBytes (the file's) sizes the codes once the first
 * chunk's rows are counted. Rejects a file holding a quote.
 * e.g. scanBytes(chunks of 'id,plan\n1,Gold\n2,Gold\n', 'every')
 *   → rows 3, distinctValues [3, 2] (the header's cells counted as values)
 */
export async function scanBytes(
  chunks: AsyncIterable<Uint8Array>,
  depth: ByteScanDepth,
  sizeBytes = 0,
): Promise<Omit<ByteScanFigures, 'durationMs'> & { columns: CodedBytes[] }> {
  const table = new ByteTableScan(depth, sizeBytes)
  let carry: Uint8Array = new Uint8Array(0)
  for await (const chunk of chunks) {
    carry = table.scan(carry.length === 0 ? chunk : concatBytes([carry, chunk]), false)
  }
  table.scan(carry, true)
  return {
    rows: table.rows,
    distinctValues: table.columns.map((column) => (column.coding ? column.dictionary.size : -1)),
    columns: table.columns,
  }
}

/** scanBytes at `depth` over `file`, read through the same Blob stream the console reads. */
export async function measureByteScan(file: Blob, depth: ByteScanDepth): Promise<ByteScanFigures> {
  const startedAt = performance.now()
  const { rows, distinctValues } = await scanBytes(blobChunks(file), depth, file.size)
  return { durationMs: performance.now() - startedAt, rows, distinctValues }
}
