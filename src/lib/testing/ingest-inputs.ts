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
