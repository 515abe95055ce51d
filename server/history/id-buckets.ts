import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { deflateRawSync, inflateRawSync } from 'node:zlib'

/** Every kept list is split into this many buckets by a hash of each ID (see bucketOf). */
export const BUCKET_COUNT = 256
// IDs held in memory at once while a spooled list is bucketed; ~40 MB of strings.
const IDS_PER_PASS = 500_000
// IDs per chunk of a list kept in upload order: ~1.3 MB of text, ~0.4 MB compressed.
const IDS_PER_CHUNK = 100_000

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
export async function* bucketSpoolFile(path: string, idCount: number): AsyncGenerator<IdBlock> {
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
      if (list) yield { index: bucket, count: list.length, data: compressBucket(list) }
      held.delete(bucket)
    }
  }
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

/** Splits a spool file (one idLine per line) into chunks of consecutive IDs, in its order. */
export async function* chunkSpoolFile(path: string): AsyncGenerator<IdBlock> {
  let lines: string[] = []
  let index = 0
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    if (line === '') continue
    lines.push(line)
    if (lines.length === IDS_PER_CHUNK) {
      yield { index: index++, count: lines.length, data: compressBucket(lines) }
      lines = []
    }
  }
  if (lines.length > 0) yield { index, count: lines.length, data: compressBucket(lines) }
}

/** The list of a spool file, to keep: read twice, once for its buckets, once for its chunks. */
export function spooledList(path: string, idCount: number): KeptIdList {
  return { buckets: bucketSpoolFile(path, idCount), chunks: chunkSpoolFile(path) }
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
