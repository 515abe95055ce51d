import { describe, expect, it } from 'vitest'
import { blobChunks } from './blob-chunks'

describe('blobChunks', () => {
  it('streams every byte of a file in order', async () => {
    const text = 'Account ID\n' + '0012345\n'.repeat(50_000)
    const parts: Uint8Array[] = []

    // Copies: a chunk is valid only until the next one is asked for.
    for await (const bytes of blobChunks(new Blob([text]))) parts.push(bytes.slice())

    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(text)
  })

  it('reads a byte stream into one buffer used again, so no chunk is left as garbage', async () => {
    const blob = new Blob([new Uint8Array(5 * 1024 * 1024).fill(65)])
    let previous: Uint8Array | null = null
    let handedOver = 0
    let bytesRead = 0
    for await (const bytes of blobChunks(blob)) {
      // The buffer was handed to the next read: the last chunk's view of it is now empty.
      if (previous?.byteLength === 0) handedOver++
      previous = bytes
      bytesRead += bytes.length
    }
    expect(bytesRead).toBe(blob.size)
    expect(handedOver).toBeGreaterThan(0)
  })

  it('cancels the stream when the reading stops early, so the file can be read again', async () => {
    let cancelled = false
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(1024)),
      cancel: () => {
        cancelled = true
      },
    })
    const endless = { stream: () => stream } as unknown as Blob

    for await (const bytes of blobChunks(endless)) {
      expect(bytes).toHaveLength(1024)
      break
    }

    expect(cancelled).toBe(true)
    expect(stream.locked).toBe(false)
  })
})
