import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { concatBytes } from './concat-bytes'
import { HeapTextDecoder } from './heap-text-decoder'

/** The text, or the error's name, of decoding `chunks` one after another. */
function streamed(
  decoder: { decode(bytes: Uint8Array): string; flush(): string },
  chunks: Uint8Array[],
) {
  try {
    return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.flush()
  } catch (error) {
    return `threw ${(error as Error).name}`
  }
}

function textDecoderStream(label: string, fatal: boolean) {
  const decoder = new TextDecoder(label, { fatal })
  return {
    decode: (bytes: Uint8Array) => decoder.decode(bytes, { stream: true }),
    flush: () => decoder.decode(),
  }
}

/**
 * Bytes cut at the given points, empty chunks included (unlike testing/cut-at.ts, which a file
 * stream stands for): an empty first chunk once let a later U+FEFF be dropped as a BOM.
 */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const ends = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const end of [...ends, bytes.length]) {
    chunks.push(bytes.subarray(start, end))
    start = end
  }
  return chunks
}

const utf8 = (text: string) => new TextEncoder().encode(text)

/** Mostly ASCII, with the bytes that make UTF-8 hard: BOMs, multi-byte characters, broken ones. */
const awkwardBytes = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map(utf8),
      fc.constantFrom(
        utf8('\uFEFF'),
        utf8('é'),
        utf8('€'),
        utf8('😀'),
        Uint8Array.of(0xc3),
        Uint8Array.of(0xe2, 0x82),
        Uint8Array.of(0xf0, 0x9f, 0x98),
        Uint8Array.of(0x80),
        Uint8Array.of(0xff),
        Uint8Array.of(0xed, 0xa0, 0x80),
      ),
    ),
    { maxLength: 30 },
  )
  .map((parts) => concatBytes(parts))

describe('HeapTextDecoder', () => {
  afterEach(() => vi.restoreAllMocks())

  for (const [label, fatal] of [
    ['utf-8', false],
    ['utf-8', true],
    ['windows-1252', false],
    ['utf-16le', false],
  ] as const) {
    it(`reads any bytes cut anywhere as TextDecoder reads them whole (${label}${fatal ? ', fatal' : ''})`, () => {
      fc.assert(
        fc.property(awkwardBytes, fc.array(fc.nat(), { maxLength: 8 }), (bytes, points) => {
          const expected = streamed(textDecoderStream(label, fatal), [bytes])
          const actual = streamed(new HeapTextDecoder(label, { fatal }), cut(bytes, points))
          expect(actual).toBe(expected)
        }),
        { numRuns: 2000 },
      )
    })
  }

  it('keeps a U+FEFF that starts a later chunk and drops only the first', () => {
    const decoder = new HeapTextDecoder('utf-8')
    const text = [utf8('\uFEFFid\n'), utf8('12\n'), utf8('\uFEFF34\n')].map((chunk) =>
      decoder.decode(chunk),
    )
    expect(text.join('') + decoder.flush()).toBe('id\n12\n\uFEFF34\n')
  })

  it('makes ASCII chunks without the TextDecoder once the first has passed it, and not UTF-16', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode')
    const ascii = new HeapTextDecoder('utf-8')
    ascii.decode(utf8('id\n'))
    ascii.decode(utf8('0012\n'.repeat(5000)))
    expect(decode).toHaveBeenCalledTimes(1)
    // A chunk that ends inside "é" leaves its first byte for the next: that one is decoded too.
    ascii.decode(Uint8Array.of(0x41, 0xc3))
    expect(ascii.decode(Uint8Array.of(0xa9, 0x42))).toBe('éB')
    expect(decode).toHaveBeenCalledTimes(3)

    decode.mockClear()
    const wide = new HeapTextDecoder('utf-16le')
    wide.decode(Uint8Array.of(0x61, 0x00))
    expect(wide.decode(Uint8Array.of(0x62, 0x00))).toBe('b')
    expect(decode).toHaveBeenCalledTimes(2)
  })
})
