// In Chromium every string a TextDecoder makes is an external string, and in the bench they
// outlived young-generation collections (Blink's string cache holds them weakly, it seems): each
// decoded chunk waited for the next full collection. Reading a large file,
// hundreds of megabytes of decoded text then wait as garbage (the bench's 1,000,000-row .xlsx:
// 330 MB of array buffers and external strings at the peak, 55 MB live at the end). ASCII bytes,
// most of a CSV export and nearly all of a sheet's XML, are made into ordinary strings of the
// JS heap here instead, which die young; anything else still goes through the TextDecoder.

import { concatBytes } from './concat-bytes'

/** Bytes per String.fromCharCode call: far below any engine's limit on arguments. */
const CHARS_PER_CALL = 8192

/** The bytes as a string when all of them are ASCII; null otherwise. */
function asciiText(bytes: Uint8Array): string | null {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return null
  if (bytes.length <= CHARS_PER_CALL) return charsOf(bytes)
  const parts: string[] = []
  for (let start = 0; start < bytes.length; start += CHARS_PER_CALL) {
    parts.push(charsOf(bytes.subarray(start, start + CHARS_PER_CALL)))
  }
  return parts.join('')
}

function charsOf(bytes: Uint8Array): string {
  // apply takes any array-like, so the bytes need no copy into an array first.
  return String.fromCharCode.apply(null, bytes as unknown as number[])
}

/**
 * Where the UTF-8 sequence the bytes end inside starts, or the length when they end between
 * sequences: a lead byte in the last three whose sequence needs more bytes than follow it.
 */
function unfinishedTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number
    if ((byte & 0xc0) === 0x80) continue
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return needed > back ? bytes.length - back : bytes.length
  }
  return bytes.length
}

/**
 * A streaming TextDecoder: the same text as `decode(bytes, { stream: true })` chunk after chunk
 * and `decode()` at the end, with ASCII chunks made as heap strings when the encoding writes
 * ASCII as itself (UTF-8, windows-1252; UTF-16 always goes through the TextDecoder).
 * e.g. const text = new HeapTextDecoder('utf-8'); text.decode(bytes) + text.flush()
 */
export class HeapTextDecoder {
  private readonly decoder: TextDecoder
  private readonly utf8: boolean
  private readonly asciiAsItself: boolean
  /** The start of a UTF-8 sequence the last chunk ended inside, kept for the next. */
  private carry: Uint8Array | null = null
  /** The decoder has decoded a code point, so a BOM can no longer be dropped. */
  private started = false

  constructor(label: string, options?: TextDecoderOptions) {
    this.decoder = new TextDecoder(label, options)
    this.utf8 = this.decoder.encoding === 'utf-8'
    this.asciiAsItself = this.utf8 || this.decoder.encoding === 'windows-1252'
  }

  decode(chunk: Uint8Array): string {
    // The first bytes always reach the decoder, which drops a BOM only there: a U+FEFF that
    // starts a later chunk is text and stays.
    if (this.asciiAsItself && this.started && this.carry === null) {
      const ascii = asciiText(chunk)
      if (ascii !== null) return ascii
    }
    let bytes = this.carry === null ? chunk : concatBytes([this.carry, chunk])
    this.carry = null
    if (this.utf8) {
      // The decoder is then never left holding part of a sequence, so the next chunk may skip it.
      const end = unfinishedTail(bytes)
      if (end < bytes.length) {
        this.carry = bytes.slice(end)
        bytes = bytes.subarray(0, end)
      }
    }
    // Only a code point decoded (a BOM or the first character) settles whether a BOM was there.
    if (bytes.length > 0) this.started = true
    return this.decoder.decode(bytes, { stream: true })
  }

  /** The end of the text: a sequence left unfinished becomes U+FFFD (or throws, when fatal). */
  flush(): string {
    const carry = this.carry
    this.carry = null
    return (
      (carry === null ? '' : this.decoder.decode(carry, { stream: true })) + this.decoder.decode()
    )
  }
}
