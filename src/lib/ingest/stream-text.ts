// The first half of every CSV reader in the console (segment IDs and user-property tables alike):
// bytes are checked for content and decoded in the encoding their first 64 KB shows, then handed
// on in chunks, with progress, cancel and a responsive worker taken care of in one place.
import { concatBytes } from './concat-bytes'
import {
  assertTextContent,
  createStreamDecoder,
  detectEncoding,
  SAMPLE_BYTES,
  type StreamDecoder,
} from './decode'
import { IngestError } from './ingest-error'
import { Pacer } from './pacer'
import type { TextEncodingName } from './types'

export interface StreamTextOptions {
  /** File name, or a label such as "Pasted text"; used in every sentence. */
  name: string
  /** Size of the input for progress (bytes; characters for a string). Defaults to the string's length. */
  totalBytes?: number
  /** Skip detection and decode with this encoding (used when reading a file again). */
  encoding?: TextEncodingName
  /** Aborting it rejects with IngestError('cancelled') before the next piece (~128 KB) of text. */
  signal?: AbortSignal
  /** Called at most every 50 ms, and once at the end. */
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

export interface StreamedText {
  /** The encoding the bytes were decoded with; 'text' for a string. */
  encoding: TextEncodingName
  /** options.totalBytes, or the string's length. */
  totalBytes: number
}

/**
 * Largest piece of text handed to `push` at once. Chromium's Blob.stream() delivers chunks of up
 * to 1 MB, too much to parse between two looks at a Cancel; pieces of ~128 KB keep each stretch
 * of parsing short enough for Cancel to answer within its 200 ms target.
 */
const PIECE_CHARS = 128 * 1024
const PROGRESS_INTERVAL_MS = 50
/** Cuts text into pieces of about PIECE_CHARS, never between the two halves of a surrogate pair. */
function* pieces(text: string): Generator<string> {
  if (text.length <= PIECE_CHARS) {
    yield text
    return
  }
  let start = 0
  while (start < text.length) {
    let end = Math.min(start + PIECE_CHARS, text.length)
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++
    yield text.slice(start, end)
    start = end
  }
}

/**
 * Bytes decoded at once. Chromium's chunks of up to 1 MB decoded whole made texts that lived
 * through several young collections while parsed, and so waited for a full one as garbage
 * (docs/performance.md); a text of PIECE_CHARS is parsed and gone within one.
 */
const PIECE_BYTES = PIECE_CHARS

function* decodedPieces(decoder: StreamDecoder, bytes: Uint8Array): Generator<string> {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
    yield decoder.decode(bytes.subarray(at, at + PIECE_BYTES))
  }
}

/** Turns bytes into text chunks: sniffs content and encoding on the first 64 KB, then streams. */
async function* decodedChunks(
  input: AsyncIterable<Uint8Array>,
  name: string,
  forced: TextEncodingName | undefined,
  onBytes: (count: number) => void,
  onEncoding: (encoding: TextEncodingName) => void,
): AsyncGenerator<string> {
  const head: Uint8Array[] = []
  let headBytes = 0
  let decoder: StreamDecoder | null = null
  for await (const chunk of input) {
    onBytes(chunk.length)
    if (decoder !== null) {
      yield* decodedPieces(decoder, chunk)
      continue
    }
    head.push(chunk)
    headBytes += chunk.length
    if (headBytes < SAMPLE_BYTES) continue
    const sample = concatBytes(head)
    decoder = startDecoder(sample, false)
    yield* decodedPieces(decoder, sample)
    head.length = 0
  }
  if (decoder === null) {
    if (headBytes === 0) throw new IngestError('empty-file', `${name} is empty.`)
    const sample = concatBytes(head)
    decoder = startDecoder(sample, true)
    yield* decodedPieces(decoder, sample)
  }
  yield decoder.flush()

  function startDecoder(sample: Uint8Array, isWholeFile: boolean) {
    assertTextContent(sample, name)
    const encoding = forced ?? detectEncoding(sample, isWholeFile)
    onEncoding(encoding)
    return createStreamDecoder(encoding, name)
  }
}

/**
 * Streams a source's text to `push` (once more with '' and isLast at the end): bytes are checked
 * and decoded, a string is sliced with its BOM dropped. Throws IngestError for an empty or
 * non-text source and for a cancel.
 * e.g. streamText("id\n0012\n", { name: "Pasted text" }, push)
 *   → push("id\n0012\n", false), push("", true); resolves { encoding: "text", totalBytes: 8 }
 */
export async function streamText(
  input: string | AsyncIterable<Uint8Array>,
  options: StreamTextOptions,
  push: (text: string, isLast: boolean) => void,
): Promise<StreamedText> {
  const { name, signal, onProgress } = options
  const totalBytes = options.totalBytes ?? (typeof input === 'string' ? input.length : 0)
  let encoding: TextEncodingName = 'text'
  let bytesRead = 0
  let lastProgress = -Infinity
  const pacer = new Pacer(signal, name)
  const report = (force: boolean): void => {
    const now = performance.now()
    if (onProgress === undefined || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return
    lastProgress = now
    onProgress(Math.min(bytesRead, totalBytes), totalBytes)
  }

  let texts: AsyncIterable<string>
  if (typeof input === 'string') {
    if (input.trim() === '') throw new IngestError('empty-file', `${name} is empty.`)
    // A string keeps a BOM that TextDecoder would have dropped.
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
    texts = (async function* () {
      for (const slice of pieces(text)) {
        bytesRead += slice.length
        yield slice
      }
    })()
  } else {
    texts = decodedChunks(
      input,
      name,
      options.encoding,
      (count) => {
        bytesRead += count
      },
      (detected) => {
        encoding = detected
      },
    )
  }

  for await (const text of texts) {
    for (const piece of pieces(text)) {
      pacer.check()
      push(piece, false)
      report(false)
      await pacer.tick()
    }
  }
  push('', true)
  report(true)
  return { encoding, totalBytes }
}
