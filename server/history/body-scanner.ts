import { StringDecoder } from 'node:string_decoder'
import { recordedText } from './recorded-text.ts'

/** The top-level fields of a FanPass request body the history records, read as it streams by. */
export interface ScannedBody {
  fields: Partial<Record<'tag' | 'title' | 'notes' | 'sourceType', string | number>>
  userIdCount: number
  propertyNames: string[]
  /** Whether the body ended as one complete JSON object. */
  complete: boolean
  /**
   * A top-level key the body names twice, e.g. 'tag': FanPass's parser keeps one of the two
   * values, and the history could not say which; the proxy refuses such a body.
   */
  duplicateKey: string | null
  /** Whether a user ID was longer than the scanner holds, so the spooled list is not what was sent. */
  idCapped: boolean
}

const CAPTURED_FIELDS = new Set(['tag', 'title', 'notes', 'sourceType'])
// Recorded values are capped so an oversized field cannot fill the database; titles and notes
// a marketer writes are far shorter.
export const MAX_RECORDED_CHARS = 4_000
const MAX_PROPERTY_NAMES = 500
// The top-level fields FanPass reads: named twice, FanPass applies one value and the history
// could not say which. Other keys are not remembered, so a body of a million keys costs nothing.
const FANPASS_FIELDS = new Set([...CAPTURED_FIELDS, 'userIds', 'userProperties'])
// No real fan ID comes near this; a longer one is cut as it is read (and its list not kept), so a
// 200 MB string never sits in the console's memory.
export const MAX_HELD_ID_CHARS = 64 * 1024

interface Container {
  kind: 'object' | 'array'
  expectKey: boolean
  key: string | undefined
}

/**
 * An incremental JSON scanner for one request body, fed chunk by chunk as the proxy forwards it.
 * It holds one string at a time, never the body: each element of the top-level `userIds` array
 * goes to `onUserId` as soon as it ends. e.g. feeding '{"tag":"vip","userIds":["1",' then '"2"]}'
 * → onUserId('1'), onUserId('2'); result().fields.tag === 'vip'.
 */
export class BodyScanner {
  private readonly decoder = new StringDecoder('utf8')
  private readonly stack: Container[] = []
  private readonly result_: ScannedBody = {
    fields: {},
    userIdCount: 0,
    propertyNames: [],
    complete: false,
    duplicateKey: null,
    idCapped: false,
  }
  private readonly topLevelKeys = new Set<string>()
  private inString = false
  private escape: 'none' | 'backslash' | number = 'none'
  private unicode = ''
  private pieces: string[] = []
  private pieceLength = 0
  private keepString = false
  /** How many UTF-16 units of the current string are held: every value is capped as it is read. */
  private holdLimit = 0
  private literal = ''
  private ended = false
  private broken = false

  constructor(private readonly onUserId: (id: string) => void) {}

  write(chunk: Buffer): void {
    if (!this.broken) this.scan(this.decoder.write(chunk))
  }

  result(): ScannedBody {
    if (!this.broken) this.scan(this.decoder.end())
    this.flushLiteral()
    this.result_.complete = !this.broken && this.ended && this.stack.length === 0
    return this.result_
  }

  private scan(text: string): void {
    let index = 0
    while (index < text.length && !this.broken) {
      if (this.inString) {
        index = this.scanString(text, index)
        continue
      }
      const char = text[index] ?? ''
      index++
      if (char === '"') {
        this.flushLiteral()
        this.startString()
      } else if (char === '{' || char === '[') {
        this.flushLiteral()
        this.open(char === '{' ? 'object' : 'array')
      } else if (char === '}' || char === ']') {
        this.flushLiteral()
        this.stack.pop()
        if (this.stack.length === 0) this.ended = true
      } else if (char === ':') {
        this.flushLiteral()
        const top = this.stack.at(-1)
        if (top) top.expectKey = false
      } else if (char === ',') {
        this.flushLiteral()
        const top = this.stack.at(-1)
        if (top?.kind === 'object') top.expectKey = true
      } else if (!/\s/.test(char)) {
        this.literal += char
        if (this.literal.length > 64) this.broken = true
      }
    }
  }

  private startString(): void {
    this.inString = true
    this.pieces = []
    this.pieceLength = 0
    const top = this.stack.at(-1)
    const depth = this.stack.length
    const isKey = top?.kind === 'object' && top.expectKey
    const isUserId = depth === 2 && this.parentKey() === 'userIds' && top?.kind === 'array'
    this.keepString =
      (depth === 1 && isKey) ||
      (depth === 1 && CAPTURED_FIELDS.has(top?.key ?? '')) ||
      isUserId ||
      (depth === 2 && this.parentKey() === 'userProperties' && isKey)
    // One unit past the recorded cap, so recordedText still sees (and drops) a split emoji;
    // a key longer than the cap never equals a field name anyway.
    this.holdLimit = isUserId ? MAX_HELD_ID_CHARS + 1 : MAX_RECORDED_CHARS + 1
  }

  private parentKey(): string | undefined {
    return this.stack[0]?.key
  }

  private scanString(text: string, start: number): number {
    let index = start
    while (index < text.length) {
      if (this.escape === 'backslash') {
        const char = text[index] ?? ''
        index++
        if (char === 'u') {
          this.escape = 0
          this.unicode = ''
        } else {
          this.keep(ESCAPES[char] ?? char)
          this.escape = 'none'
        }
        continue
      }
      if (typeof this.escape === 'number') {
        this.unicode += text[index] ?? ''
        index++
        if (this.unicode.length === 4) {
          this.keep(String.fromCharCode(Number.parseInt(this.unicode, 16)))
          this.escape = 'none'
        }
        continue
      }
      const quote = text.indexOf('"', index)
      const backslash = text.indexOf('\\', index)
      const stop = quote === -1 ? backslash : backslash === -1 ? quote : Math.min(quote, backslash)
      if (stop === -1) {
        this.keep(text.slice(index))
        return text.length
      }
      this.keep(text.slice(index, stop))
      index = stop + 1
      if (stop === backslash) {
        this.escape = 'backslash'
      } else {
        this.inString = false
        this.endString(this.pieces.join(''))
        return index
      }
    }
    return index
  }

  private keep(piece: string): void {
    if (!this.keepString || piece === '' || this.pieceLength >= this.holdLimit) return
    const held =
      piece.length <= this.holdLimit - this.pieceLength
        ? piece
        : piece.slice(0, this.holdLimit - this.pieceLength)
    this.pieces.push(held)
    this.pieceLength += held.length
  }

  /** A top-level field named twice so far, while the body still streams. */
  get duplicateKeySoFar(): string | null {
    return this.result_.duplicateKey
  }

  /** How many UTF-16 units the scanner holds right now (at most one capped string). */
  get heldChars(): number {
    return this.pieceLength + this.literal.length
  }

  private endString(value: string): void {
    const top = this.stack.at(-1)
    const depth = this.stack.length
    if (top?.kind === 'object' && top.expectKey) {
      top.key = value
      if (depth === 1 && FANPASS_FIELDS.has(value)) {
        if (this.topLevelKeys.has(value)) this.result_.duplicateKey ??= value
        this.topLevelKeys.add(value)
      }
      if (depth === 2 && this.parentKey() === 'userProperties') {
        if (this.result_.propertyNames.length < MAX_PROPERTY_NAMES) {
          this.result_.propertyNames.push(recordedText(value, MAX_RECORDED_CHARS))
        }
      }
      return
    }
    if (depth === 2 && top?.kind === 'array' && this.parentKey() === 'userIds') {
      this.result_.userIdCount++
      if (value.length > MAX_HELD_ID_CHARS) this.result_.idCapped = true
      this.onUserId(value)
    } else if (depth === 1 && top?.key !== undefined && CAPTURED_FIELDS.has(top.key)) {
      this.capture(top.key, recordedText(value, MAX_RECORDED_CHARS))
    }
  }

  private open(kind: Container['kind']): void {
    this.stack.push({ kind, expectKey: kind === 'object', key: undefined })
  }

  private flushLiteral(): void {
    if (this.literal === '') return
    const top = this.stack.at(-1)
    if (this.stack.length === 1 && top?.key !== undefined && CAPTURED_FIELDS.has(top.key)) {
      const number = Number(this.literal)
      this.capture(top.key, Number.isFinite(number) ? number : this.literal)
    }
    this.literal = ''
  }

  private capture(key: string, value: string | number): void {
    this.result_.fields[key as keyof ScannedBody['fields']] = value
  }
}

const ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
