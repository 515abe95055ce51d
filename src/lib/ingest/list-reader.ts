import type { IdCollector } from './id-collector'

const NEWLINE = 10
const CARRIAGE_RETURN = 13
const COMMA = 44
const SEMICOLON = 59
const TAB = 9
const SPACE = 32
const QUOTE = 34

const LINE_BREAK = /[\r\n]/

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** How a comma at `at` reads: 'inside' "1,23457E+11" (a decimal comma), a 'separator', or 'unsure' yet. */
function commaRole(text: string, at: number, isLast: boolean): 'inside' | 'separator' | 'unsure' {
  if (!isDigit(text.charCodeAt(at - 1))) return 'separator'
  let i = at + 1
  while (i < text.length && isDigit(text.charCodeAt(i))) i++
  if (i + 2 >= text.length && !isLast) return 'unsure'
  if (i === at + 1) return 'separator'
  const e = text.charCodeAt(i)
  const sign = text.charCodeAt(i + 1)
  const inside =
    (e === 69 || e === 101) && (sign === 43 || sign === 45) && isDigit(text.charCodeAt(i + 2))
  return inside ? 'inside' : 'separator'
}

function unquote(token: string): string {
  if (
    token.length >= 2 &&
    token.charCodeAt(0) === QUOTE &&
    token.charCodeAt(token.length - 1) === QUOTE
  ) {
    return token.slice(1, -1).replace(/""/g, '"')
  }
  return token
}

/**
 * Reads a list of IDs separated by any run of line breaks (LF, CRLF or CR), commas, semicolons, tabs or spaces,
 * chunk by chunk, one value at a time; the "row" of a value is its position in the list.
 * e.g. push("12, 34;56\n78", true) → values "12", "34", "56", "78" at positions 1–4
 */
export class ListReader {
  valuesRead = 0
  private carry = ''
  private skipFirstLine: boolean
  private readonly collector: IdCollector

  constructor(collector: IdCollector, skipHeaderLine: boolean) {
    this.collector = collector
    this.skipFirstLine = skipHeaderLine
  }

  push(text: string, isLast: boolean): void {
    const tokens: string[] = []
    this.read(text, isLast, tokens)
    this.collector.addAll(tokens, this.valuesRead + 1)
    this.valuesRead += tokens.length
  }

  /** Splits the carried text and `text` into `tokens`, carrying an unfinished one over. */
  private read(text: string, isLast: boolean, tokens: string[]): void {
    let input = this.carry + text
    this.carry = ''
    if (this.skipFirstLine) {
      const end = input.search(LINE_BREAK)
      if (end === -1) {
        // Still inside the header line; it is dropped, nothing to carry.
        if (isLast) this.skipFirstLine = false
        return
      }
      this.skipFirstLine = false
      input = input.slice(end + 1)
    }
    const length = input.length
    let start = 0
    for (let i = 0; i < length; i++) {
      const c = input.charCodeAt(i)
      const separator =
        c === NEWLINE ||
        c === COMMA ||
        c === SEMICOLON ||
        c === TAB ||
        c === SPACE ||
        c === CARRIAGE_RETURN
      if (!separator) continue
      if (c === COMMA) {
        const role = commaRole(input, i, isLast)
        if (role === 'inside') continue
        if (role === 'unsure') {
          this.carry = input.slice(start)
          return
        }
      }
      if (i > start) tokens.push(unquote(input.slice(start, i)))
      start = i + 1
    }
    if (start >= length) return
    if (isLast) tokens.push(unquote(input.slice(start)))
    else this.carry = input.slice(start)
  }
}
