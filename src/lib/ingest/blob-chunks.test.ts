import { describe, expect, it } from 'vitest'
import { blobChunks, READ_BYTES } from './blob-chunks'

describe('blobChunks', () => {
  it('streams every byte of a file in order', async () => {
    const text = 'Account ID\n' + '0012345\n'.repeat(50_000)
    const parts: Uint8Array[] = []

    for await (const bytes of blobChunks(new Blob([text]))) parts.push(bytes.slice())

    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(text)
  })

  it('reads a large file into one reused buffer, leaving no spent chunk per read', async () => {
    const chunks: Uint8Array[] = []
    let bytesRead = 0

    for await (const bytes of blobChunks(new Blob([new Uint8Array(3 * READ_BYTES + 5)]))) {
      chunks.push(bytes)
      bytesRead += bytes.length
    }

    expect(bytesRead).toBe(3 * READ_BYTES + 5)
    expect(chunks.length).toBeGreaterThan(1)
    // Each chunk's memory was handed (transferred) to the read after it, not left behind.
    for (const spent of chunks.slice(0, -1)) expect(spent.buffer.byteLength).toBe(0)
  })

  it("reads a stream that is not a byte stream in the stream's own chunks", async () => {
    const chunks = [Uint8Array.of(1, 2), Uint8Array.of(3)]
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk)
        controller.close()
      },
    })
    const plain = { size: 3, stream: () => stream } as unknown as Blob
    const parts: number[][] = []

    for await (const bytes of blobChunks(plain)) parts.push([...bytes])

    expect(parts).toEqual([[1, 2], [3]])
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
