// A source's SHA-256 fingerprint for the history: small files through crypto.subtle, large ones
// chunk by chunk, never held whole. Its own module so that the fingerprint worker
// (fingerprint-worker.ts) loads nothing else.
import { sha256 } from '@noble/hashes/sha2.js'
import { blobChunks } from '../../../lib/ingest/blob-chunks'

/**
 * Above this size no fingerprint is computed: hashing in JavaScript takes about 1.5 s per 100 MB
 * on a loaded laptop, too long to wait for on a file that large.
 */
export const MAX_SHA256_BYTES = 512 * 1024 * 1024
/**
 * Up to this size the fingerprint is computed while the file is parsed, by crypto.subtle (off the
 * worker's thread, hiding its time from the preview), which needs the whole file in memory;
 * larger files are hashed chunk by chunk, so a 146 MB export is never held whole: on a thread of
 * their own while the file is parsed when the worker can start one (fingerprint-worker.ts), else
 * afterwards.
 */
export const CONCURRENT_SHA256_BYTES = 64 * 1024 * 1024

function toHex(buffer: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * SHA-256 of a Blob read chunk by chunk, never held whole in memory; null when `signal` stops it
 * (its stream is then cancelled, as Chromium needs for a later read of the same file).
 */
export async function streamedSha256(blob: Blob, signal?: AbortSignal): Promise<string | null> {
  const hash = sha256.create()
  for await (const bytes of blobChunks(blob)) {
    if (signal?.aborted === true) return null
    hash.update(bytes)
  }
  return toHex(hash.digest())
}

/**
 * SHA-256 and size in bytes; pasted text is fingerprinted as its UTF-8 bytes.
 * e.g. fingerprint('abc') → { sha256: 'ba7816bf…f20015ad', sizeBytes: 3 }
 */
export async function fingerprint(
  input: Blob | string,
): Promise<{ sha256: string | null; sizeBytes: number }> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : null
  const sizeBytes = bytes?.length ?? (input instanceof Blob ? input.size : 0)
  if (sizeBytes > MAX_SHA256_BYTES) return { sha256: null, sizeBytes }
  if (input instanceof Blob && sizeBytes > CONCURRENT_SHA256_BYTES) {
    return { sha256: await streamedSha256(input), sizeBytes }
  }
  const data = bytes ?? (input instanceof Blob ? await input.arrayBuffer() : new ArrayBuffer(0))
  return { sha256: toHex(await crypto.subtle.digest('SHA-256', data)), sizeBytes }
}

/**
 * The SHA-256 of a large Blob computed elsewhere (another thread) while the file is parsed; null
 * once `signal` stopped it.
 */
export type LargeFileHasher = (blob: Blob, signal: AbortSignal) => Promise<string | null>

/**
 * The fingerprint to compute while the file is parsed, or null to compute it after: a small file
 * by crypto.subtle, a large one by `hashLargeFile` when there is one (here, if it fails).
 * e.g. (146 MB export, hasher on another thread) → its promise; (146 MB export, no hasher) → null
 */
export function concurrentFingerprint(
  input: Blob | string,
  hashLargeFile: LargeFileHasher | undefined,
  signal: AbortSignal,
): Promise<{ sha256: string | null; sizeBytes: number }> | null {
  if (!(input instanceof Blob)) return null
  if (input.size <= CONCURRENT_SHA256_BYTES) return fingerprint(input)
  if (hashLargeFile === undefined || input.size > MAX_SHA256_BYTES) return null
  const sizeBytes = input.size
  return hashLargeFile(input, signal).then(
    (sha256) => ({ sha256, sizeBytes }),
    // Elsewhere failed (not a cancel, which the reading reports): hash here after all.
    async (error: unknown) => {
      if (signal.aborted) throw error
      return { sha256: await streamedSha256(input), sizeBytes }
    },
  )
}
