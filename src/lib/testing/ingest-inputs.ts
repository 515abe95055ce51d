// Inputs for the ingestion tests: byte streams cut into chunks of a chosen size (so a test can put
// a character, a CRLF or a quote on a chunk boundary) and the IngestError a read rejects with.
import { IngestError } from '../ingest/ingest-error'

/** e.g. utf8('é') → Uint8Array [0xc3, 0xa9] */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

/**
 * A string (as UTF-8) or bytes streamed in chunks of `size` bytes, as a File's stream would.
 * e.g. byteChunks('abcde', 2) → [a b], [c d], [e]
 */
export async function* byteChunks(
  input: string | Uint8Array,
  size = 64 * 1024,
): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? utf8(input) : input
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size)
}

/**
 * The IngestError a promise rejects with; fails the test when it resolves or throws anything else.
 * e.g. await rejection(readPropertyTable('', { name: 'a.csv' })) → IngestError('empty-file')
 */
export async function rejection(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof IngestError) return error
    throw error
  }
  throw new Error('expected the promise to reject with an IngestError')
}

/**
 * A file that is UTF-8 (ASCII, in fact) for more than its first 64 KB, then Windows-1252, where
 * "é" is the one byte 0xE9: two exports put together, the second saved by Excel on Windows.
 * `tail` holds Latin-1 characters only.
 * e.g. switchingToWindows1252('user_id,city\n', (i) => `${i},Paris\n`, '9999,Liège\n') → a Blob of ~70 KB
 */
export function switchingToWindows1252(
  header: string,
  row: (index: number) => string,
  tail: string,
): Blob {
  let head = header
  for (let i = 0; head.length <= 70 * 1024; i++) head += row(i)
  const tailBytes = Uint8Array.from(tail, (char) => char.charCodeAt(0))
  return new Blob([new TextEncoder().encode(head), tailBytes])
}
