import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { deflateRawSync, inflateRawSync } from 'node:zlib'

/** Every kept list is split into this many buckets by a hash of each ID (see bucketOf). */
export const BUCKET_COUNT = 256
// IDs held in memory at once while a spooled list is bucketed; ~40 MB of strings.
const IDS_PER_PASS = 500_000

/** One compressed block of a kept list: its IDs as JSON string literals, one per line. */
export interface IdBucket {
  bucket: number
  count: number
  data: Buffer
}

/** FNV-1a over the ID's UTF-16 code units, mod 256, e.g. bucketOf('12345') → a number 0–255. */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
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

/** A bucket as the items of a JSON array, e.g. a block of '"12"\n"34"' → '"12","34"'. */
export function bucketJsonItems(data: Buffer): string {
  // Each line is a JSON string literal already, so no ID is parsed or written again.
  return inflateRawSync(data).toString('utf8').replaceAll('\n', ',')
}

/**
 * Buckets a spool file (one idLine per line) in passes of ~500,000 IDs' worth of buckets, so a
 * 10M-ID list never sits in memory whole. Yields each non-empty bucket once.
 */
export async function* bucketSpoolFile(path: string, idCount: number): AsyncGenerator<IdBucket> {
  const passes = Math.max(1, Math.ceil(idCount / IDS_PER_PASS))
  const bucketsPerPass = Math.ceil(BUCKET_COUNT / passes)
  for (let first = 0; first < BUCKET_COUNT; first += bucketsPerPass) {
    const last = Math.min(BUCKET_COUNT, first + bucketsPerPass)
    const held = new Map<number, string[]>()
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
    for await (const line of lines) {
      if (line === '') continue
      const bucket = bucketOf(JSON.parse(line) as string)
      if (bucket < first || bucket >= last) continue
      const list = held.get(bucket)
      if (list) list.push(line)
      else held.set(bucket, [line])
    }
    for (let bucket = first; bucket < last; bucket++) {
      const list = held.get(bucket)
      if (list) yield { bucket, count: list.length, data: compressBucket(list) }
      held.delete(bucket)
    }
  }
}

/** Buckets an ID list already in memory (an import from a browser). */
export function bucketIds(ids: readonly string[]): IdBucket[] {
  const held = new Map<number, string[]>()
  for (const id of new Set(ids)) {
    const bucket = bucketOf(id)
    const list = held.get(bucket)
    if (list) list.push(idLine(id))
    else held.set(bucket, [idLine(id)])
  }
  return [...held].map(([bucket, lines]) => ({
    bucket,
    count: lines.length,
    data: compressBucket(lines),
  }))
}
