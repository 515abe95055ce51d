import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { concurrentFingerprint, fingerprint, streamedSha256 } from './fingerprint'

/** A Blob that refuses to be read whole, as a 146 MB export must not be. */
class ChunkOnlyBlob extends Blob {
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(new Error('read whole'))
  }
}

describe('fingerprint', () => {
  it('hashes a large file chunk by chunk, never reading it whole', async () => {
    const bytes = new Uint8Array(64 * 1024 * 1024 + 3)
    bytes.set([0x46, 0x61, 0x6e], bytes.length - 3)
    const expected = createHash('sha256').update(bytes).digest('hex')
    await expect(fingerprint(new ChunkOnlyBlob([bytes]))).resolves.toEqual({
      sha256: expected,
      sizeBytes: bytes.length,
    })
  })

  it('hashes a small file and pasted text as their bytes', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    await expect(fingerprint(new Blob(['abc']))).resolves.toEqual({ sha256: abc, sizeBytes: 3 })
    await expect(fingerprint('abc')).resolves.toEqual({ sha256: abc, sizeBytes: 3 })
  })
})

describe('concurrentFingerprint', () => {
  const large = new ChunkOnlyBlob([new Uint8Array(64 * 1024 * 1024 + 1)])
  const signal = new AbortController().signal

  it('hands a large file to the hasher on another thread, to run while the file is parsed', async () => {
    const hashed: Blob[] = []
    const early = concurrentFingerprint(
      large,
      (blob) => {
        hashed.push(blob)
        return Promise.resolve('f'.repeat(64))
      },
      signal,
    )

    expect(hashed).toEqual([large])
    await expect(early).resolves.toEqual({ sha256: 'f'.repeat(64), sizeBytes: large.size })
  })

  it('leaves a large file for after the parse when there is no other thread', () => {
    expect(concurrentFingerprint(large, undefined, signal)).toBeNull()
    expect(concurrentFingerprint('pasted', undefined, signal)).toBeNull()
  })

  it('hashes here when the other thread fails', async () => {
    const expected = createHash('sha256')
      .update(new Uint8Array(64 * 1024 * 1024 + 1))
      .digest('hex')

    const early = concurrentFingerprint(large, () => Promise.reject(new Error('no')), signal)

    await expect(early).resolves.toEqual({ sha256: expected, sizeBytes: large.size })
  })

  it('reports a cancel rather than hashing here', async () => {
    const controller = new AbortController()
    controller.abort()

    const early = concurrentFingerprint(
      large,
      () => Promise.reject(new Error('stopped')),
      controller.signal,
    )

    await expect(early).rejects.toThrow('stopped')
  })
})

describe('streamedSha256', () => {
  it('stops at a cancel and cancels the file’s stream, so the file can be read again', async () => {
    let cancelled = false
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(1024)),
      cancel: () => {
        cancelled = true
      },
    })
    const endless = { size: Infinity, stream: () => stream } as unknown as Blob
    const controller = new AbortController()
    controller.abort()

    await expect(streamedSha256(endless, controller.signal)).resolves.toBeNull()
    expect(cancelled).toBe(true)
  })
})
