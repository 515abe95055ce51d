// A kept list read straight from the bytes the team history answers: JSON.parse of a 1M-ID
// answer made a million strings (and the page decoded the text first, then copied it to the
// worker), where the comparison only needs each digit-only ID's numeric key.
import { concatBytes } from '../../../lib/ingest/concat-bytes'
import { keyOfDigits, MAX_NUMERIC_KEY_DIGITS, numericIdKey } from '../../../lib/ingest/id-set'
import { NOT_A_KEPT_LIST } from './kept-list'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const OPEN = 0x5b
const CLOSE = 0x5d
const ZERO = 0x30
const NINE = 0x39

// What may come next (besides whitespace).
const Expect = { Open: 0, FirstItem: 1, Item: 2, CommaOrClose: 3, Nothing: 4 } as const
type Expecting = (typeof Expect)[keyof typeof Expect]

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
}

/**
 * Reads a JSON array of strings (UTF-8, in pieces cut anywhere) and hands each item to `onId`
 * with its numericIdKey (-1 for none), as the string JSON.parse gives; a digit-only ID written
 * plainly, nearly every one, comes as '' with its key, its string never made. Anything but such an array throws
 * NOT_A_KEPT_LIST, so what it accepts is exactly what JSON.parse and a check of every item did.
 * e.g. pieces '["00' + '12","A7"]' → onId('', 196), onId('A7', -1); end() → 2
 */
export class IdArrayScanner {
  private expect: Expecting = Expect.Open
  /** An item cut by the end of a piece, from its opening quote. */
  private carried: Uint8Array | null = null
  private count = 0
  private readonly decoder = new TextDecoder()

  constructor(private readonly onId: (id: string, key: number) => void) {}

  push(piece: Uint8Array): void {
    const bytes = this.carried === null ? piece : concatBytes([this.carried, piece])
    this.carried = null
    let at = 0
    while (at < bytes.length) {
      const byte = bytes[at] as number
      if (isJsonSpace(byte)) {
        at++
      } else if (this.expect === Expect.Open && byte === OPEN) {
        this.expect = Expect.FirstItem
        at++
      } else if (
        (this.expect === Expect.FirstItem || this.expect === Expect.Item) &&
        byte === QUOTE
      ) {
        const end = this.item(bytes, at)
        if (end === -1) {
          this.carried = bytes.slice(at)
          return
        }
        this.expect = Expect.CommaOrClose
        at = end
      } else if (this.expect === Expect.CommaOrClose && byte === COMMA) {
        this.expect = Expect.Item
        at++
      } else if (
        (this.expect === Expect.CommaOrClose || this.expect === Expect.FirstItem) &&
        byte === CLOSE
      ) {
        this.expect = Expect.Nothing
        at++
      } else {
        throw new Error(NOT_A_KEPT_LIST)
      }
    }
  }

  /** The answer is complete: how many items it held; throws when the array never closed. */
  end(): number {
    if (this.expect !== Expect.Nothing || this.carried !== null) throw new Error(NOT_A_KEPT_LIST)
    return this.count
  }

  /** Reads the string starting at `open` (its quote); returns the index after it, or -1 when cut. */
  private item(bytes: Uint8Array, open: number): number {
    let value = 0
    let digitsOnly = true
    let at = open + 1
    for (; at < bytes.length; at++) {
      const byte = bytes[at] as number
      if (byte === QUOTE) break
      if (byte >= ZERO && byte <= NINE) {
        value = value * 10 + (byte - ZERO)
      } else {
        digitsOnly = false
        // The escaped character is skipped, so an escaped quote never ends the string.
        if (byte === BACKSLASH) at++
      }
    }
    if (at >= bytes.length) return -1
    const length = at - open - 1
    this.count++
    if (digitsOnly && length > 0 && length <= MAX_NUMERIC_KEY_DIGITS) {
      this.onId('', keyOfDigits(value, length))
    } else {
      const id = this.literal(bytes.subarray(open, at + 1))
      this.onId(id, numericIdKey(id))
    }
    return at + 1
  }

  /** One string literal, decoded and checked (escapes, control characters) by JSON.parse. */
  private literal(bytes: Uint8Array): string {
    try {
      return JSON.parse(this.decoder.decode(bytes)) as string
    } catch {
      throw new Error(NOT_A_KEPT_LIST)
    }
  }
}
