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

/** e.g. "a\r\nb\rc" → "a\nb\nc" */
export function toLf(text: string): string {
  return text.replace(CR_OR_CRLF, '\n')
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

/**
 * Prepares text chunks for a parser that splits on one kind of line break. LF-only and pure CRLF
 * chunks pass through untouched (rewriting a 10 MB chunk costs more than parsing it); lone CRs
 * (old Mac files, which papaparse's own guess misreads) and mixed endings are turned into LF.
 * A CR at the end of a chunk waits for the next one, in case it is the first half of a CRLF.
 * e.g. push("a\r", false) → { text: "a", newline: "\n" }, then push("\nb\r\n", true) → { text: "\r\nb\r\n", newline: "\r\n" }
 */
export class LineBreakNormalizer {
  private heldCarriageReturn = false

  push(text: string, isLast: boolean): { text: string; newline: Newline } {
    let input = this.heldCarriageReturn ? '\r' + text : text
    this.heldCarriageReturn = false
    if (!isLast && input.charCodeAt(input.length - 1) === 13) {
      this.heldCarriageReturn = true
      input = input.slice(0, -1)
    }
    if (input.indexOf('\r') === -1) return { text: input, newline: '\n' }
    if (isPureCrlf(input)) return { text: input, newline: '\r\n' }
    return { text: toLf(input), newline: '\n' }
  }
}
