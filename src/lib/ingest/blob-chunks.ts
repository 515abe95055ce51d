/**
 * Streams a File or Blob as byte chunks (for streamText and the zip reader), without reading it
 * into memory at once.
 * e.g. for await (const bytes of blobChunks(file)) … → Uint8Array chunks of the stream's own size
 */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  // getReader rather than for-await over the stream: Safari's ReadableStream is not iterable.
  const reader = blob.stream().getReader()
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
