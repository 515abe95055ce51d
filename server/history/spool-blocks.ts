import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { deflateRawSync } from 'node:zlib'
import {
  BUCKET_COUNT,
  bucketOfLine,
  IDS_PER_CHUNK,
  type IdBlock,
  type KeptIdList,
} from './id-buckets.ts'

// Bytes of lines held at once while a spooled list is bucketed: a 1M-ID list (~13 MB) in one
// pass, a 10M-ID one in ten. Held as bytes, not strings: a million short strings in their
// arrays took ~100 MB of heap for ~13 MB of IDs, and the console kept that memory resident.
const BYTES_PER_PASS = 16 * 1024 * 1024
const NEWLINE = 0x0a

/** Lines appended as UTF-8 bytes, joined by newlines; the buffer doubles when it is full. */
class LineBytes {
  private bytes = Buffer.allocUnsafe(4096)
  private length = 0
  count = 0

  append(source: Buffer, start: number, end: number): void {
    const needed = this.length + (end - start) + 1
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2))
      this.bytes.copy(grown, 0, 0, this.length)
      this.bytes = grown
    }
    if (this.count > 0) this.bytes[this.length++] = NEWLINE
    this.length += source.copy(this.bytes, this.length, start, end)
    this.count++
  }

  /** The block, compressed exactly as compressBucket compresses the same lines. */
  block(index: number): IdBlock {
    return { index, count: this.count, data: deflateRawSync(this.bytes.subarray(0, this.length)) }
  }
}

/** The file at `path` read in pieces that each end at the end of a line (or of the file). */
async function* wholeLines(path: string): AsyncGenerator<Buffer> {
  let carried: Buffer | null = null
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes: Buffer = carried ? Buffer.concat([carried, chunk as Buffer]) : (chunk as Buffer)
    const end = bytes.lastIndexOf(NEWLINE) + 1
    carried = end < bytes.length ? bytes.subarray(end) : null
    if (end > 0) yield bytes.subarray(0, end)
  }
  if (carried) yield carried
}

/**
 * Calls `onLine` with each non-empty line of `bytes` as a byte range, decoding nothing.
 * e.g. the bytes of '"12"\n"34"\n' → onLine(bytes, 0, 4), onLine(bytes, 5, 9).
 */
function forEachLine(
  bytes: Buffer,
  onLine: (bytes: Buffer, start: number, end: number) => void,
): void {
  let start = 0
  while (start < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, start)
    const end = newline === -1 ? bytes.length : newline
    if (end > start) onLine(bytes, start, end)
    start = end + 1
  }
}

/**
 * Buckets a spool file (one idLine per line) in passes of ~16 MB of lines' worth of buckets, so
 * a 10M-ID list never sits in memory whole. Yields each non-empty bucket once, in order.
 */
export async function* bucketSpoolFile(
  path: string,
  bytesPerPass = BYTES_PER_PASS,
): AsyncGenerator<IdBlock> {
  const { size } = await stat(path)
  const passes = Math.max(1, Math.ceil(size / bytesPerPass))
  const bucketsPerPass = Math.ceil(BUCKET_COUNT / passes)
  for (let first = 0; first < BUCKET_COUNT; first += bucketsPerPass) {
    const last = Math.min(BUCKET_COUNT, first + bucketsPerPass)
    const held = new Map<number, LineBytes>()
    for await (const piece of wholeLines(path)) {
      forEachLine(piece, (bytes, start, end) => {
        const bucket = bucketOfLine(bytes, start, end)
        if (bucket < first || bucket >= last) return
        let lines = held.get(bucket)
        if (!lines) {
          lines = new LineBytes()
          held.set(bucket, lines)
        }
        lines.append(bytes, start, end)
      })
    }
    for (let bucket = first; bucket < last; bucket++) {
      const lines = held.get(bucket)
      held.delete(bucket)
      if (lines) yield lines.block(bucket)
    }
  }
}

/** Splits a spool file (one idLine per line) into chunks of consecutive IDs, in its order. */
export async function* chunkSpoolFile(path: string): AsyncGenerator<IdBlock> {
  let lines = new LineBytes()
  let index = 0
  for await (const piece of wholeLines(path)) {
    const full: IdBlock[] = []
    forEachLine(piece, (bytes, start, end) => {
      lines.append(bytes, start, end)
      if (lines.count === IDS_PER_CHUNK) {
        full.push(lines.block(index++))
        lines = new LineBytes()
      }
    })
    yield* full
  }
  if (lines.count > 0) yield lines.block(index)
}

/** How many IDs a spool file holds: each line, one ID, ends with a newline. */
export async function spoolLineCount(path: string): Promise<number> {
  let lines = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer
    for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) lines++
  }
  return lines
}

/** The list of a spool file, to keep: read twice, once for its buckets, once for its chunks. */
export function spooledList(path: string): KeptIdList {
  return { buckets: bucketSpoolFile(path), chunks: chunkSpoolFile(path) }
}
