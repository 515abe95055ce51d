// A large file's SHA-256 on a thread of its own (see fingerprint-thread.ts): hashing a 146 MB
// export takes the Segments worker over a second, which it now spends parsing the file while this
// thread hashes it on the machine's other core.
import { exposeWorkerApi } from '../../../lib/worker-client'
import { streamedSha256 } from './fingerprint'

let reading: AbortController | null = null

/** What the fingerprint worker serves: one file's hash at a time, and a way to stop it. */
export const fingerprintApi = {
  sha256(blob: Blob): Promise<string | null> {
    reading = new AbortController()
    return streamedSha256(blob, reading.signal)
  },
  /**
   * Stops the hash and cancels its stream. Terminating the worker instead would leave the
   * file's stream open, and Chromium can then make a later read of the same file wait forever.
   */
  cancel(): void {
    reading?.abort()
  },
}

exposeWorkerApi(fingerprintApi)
