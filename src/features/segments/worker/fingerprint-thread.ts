// Starts fingerprint-worker.ts from the Segments worker for one large file, and stops it when the
// hash is known, the worker fails or the reading is cancelled.
import { createWorkerClient } from '../../../lib/worker-client'
import type { fingerprintApi } from './fingerprint-worker'

/**
 * The SHA-256 of `blob`, streamed on another thread; rejects when the thread fails (the caller
 * then hashes where it is) or `signal` stops the reading.
 * e.g. await hashOnAnotherThread(exportOf146Mb, signal) → 'e3b0c442…'
 */
export async function hashOnAnotherThread(blob: Blob, signal: AbortSignal): Promise<string> {
  let fail: (reason: unknown) => void = () => undefined
  const stopped = new Promise<never>((_, reject) => {
    fail = reject
  })
  // Without these, a worker that cannot start (or a cancel) would leave the call waiting forever.
  const onAbort = () => fail(signal.reason)
  signal.addEventListener('abort', onAbort, { once: true })
  const client = createWorkerClient<typeof fingerprintApi>(() => {
    const worker = new Worker(new URL('./fingerprint-worker.ts', import.meta.url), {
      type: 'module',
      name: 'fingerprint',
    })
    worker.addEventListener('error', () => fail(new Error('The fingerprint worker failed.')))
    return worker
  })
  try {
    return await Promise.race([client.remote().sha256(blob), stopped])
  } finally {
    signal.removeEventListener('abort', onAbort)
    client.terminate()
  }
}
