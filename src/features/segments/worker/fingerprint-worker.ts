// A large file's SHA-256 on a thread of its own (see fingerprint-thread.ts): hashing a 146 MB
// export takes the Segments worker over a second, which it now spends parsing the file while this
// thread hashes it on the machine's other core.
import { exposeWorkerApi } from '../../../lib/worker-client'
import { streamedSha256 } from './fingerprint'

/** What the fingerprint worker serves. */
export const fingerprintApi = { sha256: streamedSha256 }

exposeWorkerApi(fingerprintApi)
