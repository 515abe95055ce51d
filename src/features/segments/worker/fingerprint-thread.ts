// Starts fingerprint-worker.ts from the Segments worker for one large file, and stops it once the
// hash is known, the worker failed, or a cancel has stopped its reading.
import { createWorkerClient } from '../../../lib/worker-client'
import type { fingerprintApi } from './fingerprint-worker'

/**
 * The SHA-256 of `blob`, streamed on another thread; null when `signal` stopped it; rejects when
 * the thread fails (the caller then hashes where it is).
 * e.g. await hashOnAnotherThread(exportOf146Mb, signal) → 'e3b0c442…'
 */
export async function hashOnAnotherThread(blob: Blob, signal: AbortSignal): Promise<string | null> {
  let fail: (reason: unknown) => void = () => undefined
  const failed = new Promise<never>((_, reject) => {
    fail = reject
  })
  const client = createWorkerClient<typeof fingerprintApi>(() => {
    const worker = new Worker(new URL('./fingerprint-worker.ts', import.meta.url), {
      type: 'module',
      name: 'fingerprint',
    })
    // Without this, a worker that cannot start would leave the call waiting forever.
    worker.addEventListener('error', () => fail(new Error('The fingerprint worker failed.')))
    return worker
  })
  const api = client.remote()
  // A cancel stops the hash in the worker, which cancels the file's stream, then answers null.
  const onAbort = () => void api.cancel()
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    return await Promise.race([api.sha256(blob), failed])
  } finally {
    signal.removeEventListener('abort', onAbort)
    client.terminate()
  }
}
