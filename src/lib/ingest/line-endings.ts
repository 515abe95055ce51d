import type { LineEnding } from './types'

/**
 * Names the line endings seen in a sample of the text.
 * e.g. "a\r\nb\r\n" → 'crlf'; "a\rb\r" → 'cr'; "a\nb\r\n" → 'mixed'; "abc" → 'none'
 */
export function detectLineEnding(sample: string): LineEnding {
  let crlf = 0
  let lf = 0
  let cr = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c === 13) {
      if (sample.charCodeAt(i + 1) === 10) {
        crlf++
        i++
      } else if (i + 1 < sample.length) {
        cr++
      }
    } else if (c === 10) {
      lf++
    }
  }
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0)
  if (kinds === 0) return 'none'
  if (kinds > 1) return 'mixed'
  return crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr'
}

const CR_OR_CRLF = /\r\n?/g

/** The line break the parser is told to split on. */
export type Newline = '\n' | '\r\n'

/**
 * Every line break as LF, quotes or not: only for a sample that guesses the layout, never for
 * values. e.g. "a\r\nb\rc" → "a\nb\nc"
 */
export function toLf(text: string): string {
  return text.replace(CR_OR_CRLF, '\n')
}

const QUOTE = 34
const CR = 13
const LF = 10
const SPACE = 32

/** Where the text after a chunk's last character stands, as papaparse would read it. */
const enum Place {
  /** At the start of a field: a quote here opens a quoted field. */
  FieldStart,
  /** Inside an unquoted field: a quote here is a character like any other. */
  Unquoted,
  /** Inside a quoted field: line breaks are part of the value. */
  Quoted,
}

/** True when every CR is followed by LF and every LF has a CR before it. */
function isPureCrlf(text: string): boolean {
  let carriageReturns = 0
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) return false
    carriageReturns++
  }
  let lineFeeds = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineFeeds++
  return lineFeeds === carriageReturns
}

function escapeForClass(char: string): string {
  return /[\\\]^-]/.test(char) ? `\\${char}` : char
}

/**
 * Prepares text chunks for a parser that splits records on one kind of line break. Line breaks
 * between records may be LF, CRLF or CR (old Mac files, which papaparse's own guess misreads), even
 * mixed; a line break inside a quoted field is part of the value and is never touched. LF-only
 * and pure CRLF chunks pass through untouched (rewriting a 10 MB chunk costs more than parsing
 * it); otherwise each CR or CRLF between records becomes LF. Quotes are followed as papaparse
 * reads them: a quote opens a field only at its start, `""` inside one is a quote, and a quote
 * closes it only before a separator, a line break or the end.
 * A CR at the end of a chunk waits for the next one, in case it is the first half of a CRLF.
 * e.g. (',') push('a,"x\r\ny"\rb', true) → { text: 'a,"x\r\ny"\nb', newline: '\n' }
 */
export class LineBreakNormalizer {
  private held = ''
  private place = Place.FieldStart
  private readonly delimiter: number
  private readonly special: RegExp

  /** delimiter: the separator the parser is given (one character). */
  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0)
    this.special = new RegExp(`[\\r\\n${escapeForClass(delimiter)}]`, 'g')
  }

  push(text: string, isLast: boolean): { text: string; newline: Newline } {
    const input = this.held + text
    this.held = ''
    if (input.indexOf('"') === -1) return this.withoutQuotes(input, isLast)
    return this.scan(input, isLast)
  }

  /** The common case: no quote, so the whole chunk is inside one quoted field or outside any. */
  private withoutQuotes(input: string, isLast: boolean): { text: string; newline: Newline } {
    if (this.place === Place.Quoted) return { text: input, newline: '\n' }
    let text = input
    if (!isLast && text.charCodeAt(text.length - 1) === CR) {
      this.held = '\r'
      text = text.slice(0, -1)
    }
    if (text !== '') {
      const last = text.charCodeAt(text.length - 1)
      this.place =
        last === this.delimiter || last === LF || last === CR ? Place.FieldStart : Place.Unquoted
    }
    if (text.indexOf('\r') === -1) return { text, newline: '\n' }
    if (isPureCrlf(text)) return { text, newline: '\r\n' }
    return { text: toLf(text), newline: '\n' }
  }

  /** Follows the quotes through the chunk, noting each line break between records. */
  private scan(input: string, isLast: boolean): { text: string; newline: Newline } {
    const length = input.length
    const special = this.special
    // Start of each CR or CRLF between records; the LFs alone are only counted.
    const carriageReturns: number[] = []
    let crlf = 0
    let lf = 0
    let end = length
    let place = this.place
    let i = 0
    while (i < length) {
      if (place === Place.Quoted) {
        const quote = input.indexOf('"', i)
        if (quote === -1) break
        let next = quote + 1
        while (next < length && input.charCodeAt(next) === SPACE) next++
        if (next === length) {
          if (!isLast) {
            // What follows the quote decides whether it closes the field: wait for it.
            end = quote
            break
          }
          place = Place.Unquoted
          i = length
          break
        }
        const c = input.charCodeAt(next)
        if (next === quote + 1 && c === QUOTE) {
          i = quote + 2
        } else if (c === this.delimiter) {
          place = Place.FieldStart
          i = next + 1
        } else if (c === CR || c === LF) {
          place = Place.Unquoted
          i = next
        } else {
          // A stray quote (papaparse reports it); the field goes on.
          i = quote + 1
        }
        continue
      }
      if (place === Place.FieldStart && input.charCodeAt(i) === QUOTE) {
        place = Place.Quoted
        i++
        continue
      }
      special.lastIndex = i
      const found = special.exec(input)
      if (found === null) {
        place = Place.Unquoted
        break
      }
      const at = found.index
      const c = input.charCodeAt(at)
      if (c === LF) {
        lf++
        i = at + 1
      } else if (c === CR) {
        if (at + 1 === length && !isLast) {
          end = at
          break
        }
        carriageReturns.push(at)
        if (input.charCodeAt(at + 1) === LF) {
          crlf++
          i = at + 2
        } else {
          i = at + 1
        }
      } else {
        i = at + 1
      }
      place = Place.FieldStart
    }
    this.place = place
    this.held = input.slice(end)
    const text = end === length ? input : input.slice(0, end)
    if (carriageReturns.length === 0) return { text, newline: '\n' }
    if (lf === 0 && crlf === carriageReturns.length) return { text, newline: '\r\n' }
    const parts: string[] = []
    let from = 0
    for (const at of carriageReturns) {
      parts.push(text.slice(from, at), '\n')
      from = input.charCodeAt(at + 1) === LF && at + 1 < end ? at + 2 : at + 1
    }
    parts.push(text.slice(from))
    return { text: parts.join(''), newline: '\n' }
  }
}
