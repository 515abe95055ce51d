/** Bytes asked for per read: one piece of text for the parser between two looks at a Cancel. */
const READ_BYTES = 128 * 1024

type ChunkReader = ReadableStreamBYOBReader | ReadableStreamDefaultReader<Uint8Array>

/**
 * Streams a File or Blob as byte chunks, without reading it into memory at once. Where the
 * stream takes a buffer to read into (a byte stream, as Blob.stream() is in Chromium and Node),
 * every chunk is read into one buffer used again: each chunk the browser made would be garbage
 * that only a full collection frees, 140 MB of it for the bench's largest export. So a chunk is
 * valid only until the next one is asked for.
 * e.g. for await (const bytes of blobChunks(file)) hash.update(bytes)
 */
export function blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const stream = blob.stream()
  const intoBuffer = intoBufferReader(stream)
  if (intoBuffer === null) return readerChunks(stream.getReader(), (reader) => reader.read())
  // Reading into the buffer hands it over: the last chunk's buffer is the one to pass next.
  return readerChunks(intoBuffer, (reader, last) =>
    reader.read(new Uint8Array(last === null ? new ArrayBuffer(READ_BYTES) : last.buffer)),
  )
}

async function* readerChunks<R extends ChunkReader>(
  reader: R,
  read: (
    reader: R,
    last: Uint8Array<ArrayBuffer> | null,
  ) => Promise<ReadableStreamReadResult<Uint8Array>>,
): AsyncGenerator<Uint8Array> {
  let last: Uint8Array<ArrayBuffer> | null = null
  let finished = false
  try {
    for (;;) {
      // getReader rather than for-await over the stream: Safari's ReadableStream is not iterable.
      const { done, value } = await read(reader, last)
      if (done) {
        finished = true
        return
      }
      yield value
      last = value as Uint8Array<ArrayBuffer>
    }
  } finally {
    // A reading stopped early (a cancel, a file that turns out not to be UTF-8) must cancel its
    // stream: Chromium can leave a later read of the same file waiting forever otherwise.
    if (!finished) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

function intoBufferReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' })
  } catch {
    // Not a byte stream (an older browser): chunks of the stream's own making.
    return null
  }
}
