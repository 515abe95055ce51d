/**
 * Bytes read at once when the stream lets us read into our own buffer. One buffer of this size is
 * reused for the whole file: a 146 MB export read in the stream's own chunks left 146 MB of
 * spent ArrayBuffers for the garbage collector, counted in the worker's memory until it ran.
 */
export const READ_BYTES = 1024 * 1024

interface ChunkReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>
  cancel(): Promise<void>
  releaseLock(): void
}

/**
 * A reader that fills one reused buffer (a byte stream, as Blob.stream() is), else the stream's
 * own chunks. getReader rather than for-await over the stream: Safari's ReadableStream is not
 * iterable.
 */
function chunkReader(stream: ReadableStream<Uint8Array>, size: number): ChunkReader {
  let byob: ReadableStreamBYOBReader
  try {
    byob = stream.getReader({ mode: 'byob' })
  } catch {
    // A browser whose Blob.stream() is not a byte stream.
    return stream.getReader()
  }
  let buffer = new ArrayBuffer(Math.max(1, Math.min(READ_BYTES, size)))
  return {
    async read() {
      const result = await byob.read(new Uint8Array(buffer))
      // A read hands the buffer back, transferred, in the view it filled.
      if (result.value !== undefined) buffer = result.value.buffer as ArrayBuffer
      return result
    },
    cancel: () => byob.cancel(),
    releaseLock: () => byob.releaseLock(),
  }
}

/**
 * Streams a File or Blob as byte chunks for streamText, without reading it into memory at once.
 * Each chunk is valid only until the next one is asked for (its buffer is read into again): copy
 * what must be kept.
 * e.g. for await (const bytes of blobChunks(file)) … → Uint8Array chunks of up to READ_BYTES
 */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = chunkReader(blob.stream(), blob.size)
  let finished = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) {
        finished = true
        return
      }
      yield value
    }
  } finally {
    // A reading stopped early (a cancel, a file that turns out not to be UTF-8) must cancel its
    // stream: Chromium can leave a later read of the same file waiting forever otherwise.
    if (!finished) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}
