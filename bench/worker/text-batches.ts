import { toLf } from '../../src/lib/ingest/line-endings'
import { sniffDelimiter } from '../../src/lib/ingest/sniff-delimiter'
import type { Delimiter } from '../../src/lib/ingest/types'

/** The bare parses hand their parser about 1M characters at a time, as the console's reader does. */
export const BATCH_CHARS = 1024 * 1024
/** How much of the first batch the layout is guessed from. */
export const SAMPLE_CHARS = 64 * 1024

/** How a bare parse reads: the batch size, and the delimiter when the caller knows it (tests). */
export interface BareReadOptions {
  batchChars?: number
  /** The file's delimiter (null: one column); sniffed as the console does when left out. */
  delimiter?: Delimiter | null
}

export interface TextBatch {
  text: string
  /** True for the last batch (possibly empty): the parser may finish the last row. */
  isLast: boolean
}

/**
 * UTF-8 byte chunks decoded into batches of at least `batchChars` characters, the last one
 * whatever is left, so every bare parse is fed the same text in the same pieces.
 * e.g. textBatches(chunks of 'id\n1\n2', 3) → { text: 'id\n1', isLast: false }, { text: '\n2', isLast: true }
 */
export async function* textBatches(
  chunks: AsyncIterable<Uint8Array>,
  batchChars = BATCH_CHARS,
): AsyncGenerator<TextBatch> {
  const decoder = new TextDecoder('utf-8')
  let pending = ''
  for await (const bytes of chunks) {
    pending += decoder.decode(bytes, { stream: true })
    if (pending.length >= batchChars) {
      yield { text: pending, isLast: false }
      pending = ''
    }
  }
  yield { text: pending + decoder.decode(), isLast: true }
}

/**
 * The delimiter addFile would sniff from the first lines of `input` (its last line left out
 * unless the file ends there: it may be cut).
 * e.g. sniffFirstLines('Name;Account ID\r\nBo;0034\r\nAl', false) → ';'
 */
export function sniffFirstLines(input: string, isLast: boolean): Delimiter | null {
  const lines = toLf(input.slice(0, SAMPLE_CHARS)).split('\n')
  return sniffDelimiter(isLast ? lines : lines.slice(0, -1))
}

/**
 * True when `text` has a line break before its last character, so its first line is whole and
 * the line break it ends with is known (a CR at the very end may be half of a CRLF): until then a
 * bare parse holds its first batches back. e.g. 'id\r' → false; 'id\r\n' → true
 */
export function hasWholeFirstLine(text: string): boolean {
  const at = text.search(/[\r\n]/)
  return at !== -1 && at < text.length - 1
}

/**
 * The line break that ends the first line, taken as the row separator, as uDSV's inferSchema
 * takes it (a header row holds no line break); LF when there is none.
 * e.g. 'id\r\n1\n' → '\r\n'; 'id\r1' → '\r'
 */
export function firstLineBreak(text: string): '\r\n' | '\r' | '\n' {
  const at = text.search(/[\r\n]/)
  if (at === -1 || text[at] === '\n') return '\n'
  return text[at + 1] === '\n' ? '\r\n' : '\r'
}
