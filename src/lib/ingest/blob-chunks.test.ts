import { describe, expect, it } from 'vitest'
import { blobChunks } from './blob-chunks'

describe('blobChunks', () => {
  it('streams every byte of a file in order', async () => {
    const text = 'Account ID\n' + '0012345\n'.repeat(50_000)
    const parts: Uint8Array[] = []

    for await (const bytes of blobChunks(new Blob([text]))) parts.push(bytes)

    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(text)
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
