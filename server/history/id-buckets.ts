import { deflateRawSync, inflateRawSync } from 'node:zlib'

/** Every kept list is split into this many buckets by a hash of each ID (see bucketOf). */
export const BUCKET_COUNT = 256
// IDs per chunk of a list kept in upload order: ~1.3 MB of text, ~0.4 MB compressed.
export const IDS_PER_CHUNK = 100_000
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
const NEWLINE = 0x0a
const COMMA = 0x2c

/**
 * One compressed block of a kept list, its IDs as JSON string literals, one per line: a bucket
 * (`index` 0–255, by bucketOf) or a chunk (`index` 0, 1, … in upload order).
 */
export interface IdBlock {
  index: number
  count: number
  data: Buffer
}

/** A list to keep, as it is stored: hashed buckets for Find a fan, chunks for a restore. */
export interface KeptIdList {
  buckets: AsyncIterable<IdBlock>
  chunks: AsyncIterable<IdBlock>
}

/** FNV-1a over the ID's UTF-16 code units, mod 256, e.g. bucketOf('12345') → a number 0–255. */
export function bucketOf(id: string): number {
  let hash = FNV_OFFSET
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index)
    hash = Math.imul(hash, FNV_PRIME)
  }
  return (hash >>> 0) % BUCKET_COUNT
}

/**
 * bucketOf the ID on one idLine held as UTF-8 bytes (`bytes[start]` is its opening quote),
 * without making a string of it: a line of plain ASCII with no escape is its ID's code units.
 * e.g. the bytes of '"12345"' → bucketOf('12345').
 */
export function bucketOfLine(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let index = start + 1; index < end - 1; index++) {
    const byte = bytes[index] ?? 0
    // A backslash escape or a multi-byte character: the ID differs from the bytes, so decode it.
    if (byte === 0x5c || byte >= 0x80) {
      const line = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start)
      return bucketOf(JSON.parse(line.toString('utf8')) as string)
    }
    hash ^= byte
    hash = Math.imul(hash, FNV_PRIME)
  }
  return (hash >>> 0) % BUCKET_COUNT
}

/** One line of a spool file or bucket: the ID as a JSON string literal, so any character survives. */
export function idLine(id: string): string {
  return JSON.stringify(id)
}

export function compressBucket(lines: readonly string[]): Buffer {
  return deflateRawSync(Buffer.from(lines.join('\n'), 'utf8'))
}

/** The lines of a bucket, e.g. a block of '"12"\n"34"' → ['"12"', '"34"']. */
export function bucketLines(data: Buffer): string[] {
  const text = inflateRawSync(data).toString('utf8')
  return text === '' ? [] : text.split('\n')
}

/** A block as the items of a JSON array, in UTF-8, e.g. a block of '"12"\n"34"' → the bytes of '"12","34"'. */
export function bucketJsonItems(data: Buffer): Buffer {
  // Each line is a JSON string literal already, so no ID is decoded, parsed or written again. A
  // newline byte only ever separates lines: JSON escapes one inside an ID, and no byte of a
  // longer UTF-8 character is below 0x80.
  const bytes = inflateRawSync(data)
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) {
    bytes[at] = COMMA
  }
  return bytes
}

/** Buckets an ID list already in memory (an import from a browser). */
export function bucketIds(ids: readonly string[]): IdBlock[] {
  const held = new Map<number, string[]>()
  for (const id of new Set(ids)) {
    const bucket = bucketOf(id)
    const list = held.get(bucket)
    if (list) list.push(idLine(id))
    else held.set(bucket, [idLine(id)])
  }
  return [...held].map(([bucket, lines]) => ({
    index: bucket,
    count: lines.length,
    data: compressBucket(lines),
  }))
}

/** A list already in memory (an import from a browser), its first occurrences in order. */
export function listInMemory(ids: readonly string[]): KeptIdList {
  const unique = [...new Set(ids)]
  const chunks: IdBlock[] = []
  for (let start = 0; start < unique.length; start += IDS_PER_CHUNK) {
    const lines = unique.slice(start, start + IDS_PER_CHUNK).map(idLine)
    chunks.push({ index: chunks.length, count: lines.length, data: compressBucket(lines) })
  }
  return { buckets: inOrder(bucketIds(unique)), chunks: inOrder(chunks) }
}

async function* inOrder<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items
}
