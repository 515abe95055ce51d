// Random cells and the CSV a spreadsheet or ticketing tool would write from them, for the
// property tests that read files through the real ingestion path (IDs and user properties).
import fc from 'fast-check'

export type CsvDelimiter = ',' | ';' | '\t' | '|'
export type CsvLineEnding = '\n' | '\r\n' | '\r'

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|']
export const CSV_LINE_ENDINGS: readonly CsvLineEnding[] = ['\n', '\r\n', '\r']

/**
 * Control characters other than tab, CR and LF are left out: a file with more than 1 % of them is
 * refused as binary data, which is its own rule (parse-source-bad-input.test.ts).
 */
function hasOtherControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return true
  }
  return false
}

/** The pieces exports are made of, and the ones that trip readers up. */
const PIECES = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\r',
  '\n',
  '\r\n',
  ' ',
  '\u00A0',
  '\u200B',
  '\uFEFF',
  '\u200F',
  '0012345',
  '1.23457E+11',
  '12.0',
  'Zoë',
  '👍🏽',
  '👨‍👩‍👧',
  'مرحبا بالعالم',
  'שלום',
  '東京',
  'line one\r\nline two',
]

/** One cell: up to 5 pieces or random graphemes, any Unicode but NUL and other controls. */
export const csvCell: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES),
      fc.string({ unit: 'grapheme', maxLength: 4 }).filter((text) => !hasOtherControls(text)),
    ),
    { maxLength: 5 },
  )
  .map((pieces) => pieces.join(''))

export interface CsvLayout {
  delimiter: CsvDelimiter
  lineEnding: CsvLineEnding
  /** Quote every cell (some tools do), or only those that need it (as Excel does). */
  quoteAll: boolean
  /** End the last row with a line break. */
  finalLineBreak: boolean
}

export const csvLayout: fc.Arbitrary<CsvLayout> = fc.record({
  delimiter: fc.constantFrom(...CSV_DELIMITERS),
  lineEnding: fc.constantFrom(...CSV_LINE_ENDINGS),
  quoteAll: fc.boolean(),
  finalLineBreak: fc.boolean(),
})

/**
 * The file as RFC 4180 writes it: a cell holding the separator, a quote or a line break is quoted
 * and its quotes doubled.
 * e.g. writeCsv([['id', 'note'], ['1', 'a,b']], { delimiter: ',', lineEnding: '\r\n', quoteAll: false, finalLineBreak: true })
 *   → 'id,note\r\n1,"a,b"\r\n'
 */
export function writeCsv(rows: readonly (readonly string[])[], layout: CsvLayout): string {
  const { delimiter, lineEnding, quoteAll, finalLineBreak } = layout
  const needsQuotes = (cell: string) => quoteAll || cell.includes(delimiter) || /["\r\n]/.test(cell)
  const write = (cell: string) => (needsQuotes(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
  const text = rows.map((cells) => cells.map(write).join(delimiter)).join(lineEnding)
  return finalLineBreak ? text + lineEnding : text
}
