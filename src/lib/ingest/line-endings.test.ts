import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvChunkParser } from './csv-chunk-parser'
import { detectLineEnding, LineBreakNormalizer, type Newline } from './line-endings'

describe('detectLineEnding', () => {
  it('names CRLF, LF, CR, mixed and none', () => {
    expect(detectLineEnding('a\r\nb\r\n')).toBe('crlf')
    expect(detectLineEnding('a\nb\n')).toBe('lf')
    expect(detectLineEnding('a\rb\rc')).toBe('cr')
    expect(detectLineEnding('a\nb\r\n')).toBe('mixed')
    expect(detectLineEnding('abc')).toBe('none')
  })
})

/** Record separators as LF, whatever newline each chunk was handed on with. */
function asLf(chunk: { text: string; newline: Newline }): string {
  return chunk.newline === '\r\n' ? chunk.text.replaceAll('\r\n', '\n') : chunk.text
}

function normalizeInChunks(text: string, cuts: readonly number[], delimiter = ','): string {
  const normalizer = new LineBreakNormalizer(delimiter)
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b)
  let out = ''
  let from = 0
  for (const point of points) {
    out += asLf(normalizer.push(text.slice(from, point), false))
    from = point
  }
  return out + asLf(normalizer.push(text.slice(from), true))
}

/** What a reader makes of `text` cut at `cuts`: the normalizer, then the chunked parser. */
function parseInChunks(text: string, cuts: readonly number[]): string[][] {
  const normalizer = new LineBreakNormalizer(',')
  const parser = new CsvChunkParser(',')
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b)
  const rows: string[][] = []
  let from = 0
  for (const [index, point] of [...points, text.length].entries()) {
    const isLast = index === points.length
    const chunk = normalizer.push(text.slice(from, point), isLast)
    from = point
    const input = parser.take(chunk.text)
    if (input !== '') rows.push(...parser.parse(input, isLast, chunk.newline).rows)
  }
  return rows
}

describe('LineBreakNormalizer', () => {
  it('passes LF-only and pure CRLF text through untouched, naming the line break', () => {
    const normalizer = new LineBreakNormalizer(',')
    expect(normalizer.push('a\nb\n', false)).toEqual({ text: 'a\nb\n', newline: '\n' })
    expect(normalizer.push('a\r\nb\r\n', false)).toEqual({ text: 'a\r\nb\r\n', newline: '\r\n' })
  })

  it('turns lone CRs and mixed endings into LF', () => {
    const normalizer = new LineBreakNormalizer(',')
    expect(normalizer.push('a\rb\rc', true)).toEqual({ text: 'a\nb\nc', newline: '\n' })
    expect(new LineBreakNormalizer(',').push('a\nb\r\nc', true)).toEqual({
      text: 'a\nb\nc',
      newline: '\n',
    })
  })

  it('keeps a CRLF split between chunks as one line break', () => {
    const normalizer = new LineBreakNormalizer(',')
    expect(normalizer.push('a\r', false)).toEqual({ text: 'a', newline: '\n' })
    expect(normalizer.push('\nb\r\n', true)).toEqual({ text: '\r\nb\r\n', newline: '\r\n' })
    const text = 'a\r\nb\rc\nd\r\n'
    for (const size of [1, 2, 3, 100]) {
      const cuts = Array.from({ length: text.length }, (_, i) => (i + 1) * size)
      expect(normalizeInChunks(text, cuts)).toBe('a\nb\nc\nd\n')
    }
  })

  it('keeps a CR at the very end of the input as a line break', () => {
    const normalizer = new LineBreakNormalizer(',')
    expect(normalizer.push('a\r', false).text + normalizer.push('', true).text).toBe('a\n')
  })

  it('leaves line breaks inside quoted fields as written, CRLF, LF and lone CR alike', () => {
    // A CRLF file whose cells hold all three: the records split on CRLF, nothing is rewritten.
    const crlf = 'id,note\r\n1,"a\r\nb"\r\n2,"c\nd"\r\n3,"e\rf"\r\n'
    expect(new LineBreakNormalizer(',').push(crlf, true)).toEqual({ text: crlf, newline: '\r\n' })
    // An old Mac file: its record separators become LF, the CR inside quotes stays.
    expect(new LineBreakNormalizer(';').push('id;note\r1;"e\rf"\r2;"x""\ry"\r', true)).toEqual({
      text: 'id;note\n1;"e\rf"\n2;"x""\ry"\n',
      newline: '\n',
    })
  })

  it('opens a quote only at the start of a field, as papaparse does', () => {
    // 12" is an inch mark, not a quote: the CR after it separates records.
    expect(new LineBreakNormalizer(',').push('id,size\r1,12" pizza\r2,"a\rb"', true).text).toBe(
      'id,size\n1,12" pizza\n2,"a\rb"',
    )
    // A quote followed by text does not close the field (papaparse reports it and reads on).
    expect(new LineBreakNormalizer('\t').push('a\t"x"y\rz"\rb', true).text).toBe('a\t"x"y\rz"\nb')
  })

  it('hands the parser every value as written, wherever the text is cut', () => {
    const value = fc.oneof(
      fc.constantFrom('', 'a', '"', '""', ',', ' ', '\r', '\n', '\r\n', 'x y', ' "q" '),
      fc.string({ maxLength: 4 }),
    )
    const write = (cell: string) =>
      /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 8 }),
        (rows, lineEnding, cuts) => {
          const text = rows.map((cells) => cells.map(write).join(',')).join(lineEnding)
          expect(parseInChunks(text, cuts)).toEqual(rows)
        },
      ),
    )
  })
})
