import { describe, expect, it } from 'vitest'
import { CsvChunkParser } from './csv-chunk-parser'

/** Feeds `chunks` through the parser as a reader would and lists each row with its number. */
function readAll(parser: CsvChunkParser, chunks: readonly string[]): [number, string[]][] {
  const out: [number, string[]][] = []
  chunks.forEach((chunk, i) => {
    const { rows, firstRow } = parser.parse(parser.take(chunk), i === chunks.length - 1, '\n')
    rows.forEach((cells, j) => out.push([firstRow + j, cells]))
  })
  return out
}

describe('CsvChunkParser', () => {
  it('carries an unfinished row over to the next chunk and numbers rows across chunks', () => {
    const parser = new CsvChunkParser(',')

    const rows = readAll(parser, ['id,name\n0012,A', 'nn\n0034,"Bo, ', 'Jr"\n0056,Cy'])

    expect(rows).toEqual([
      [1, ['id', 'name']],
      [2, ['0012', 'Ann']],
      [3, ['0034', 'Bo, Jr']],
      [4, ['0056', 'Cy']],
    ])
    expect(parser.carry).toBe('')
  })

  it('keeps a line break inside quotes and leaves an open quote in the carry', () => {
    const parser = new CsvChunkParser(';')

    const { rows } = parser.parse(parser.take('id;note\n1;"two\nlines"\n2;"open\n'), false, '\n')

    expect(rows).toEqual([
      ['id', 'note'],
      ['1', 'two\nlines'],
    ])
    expect(parser.carry).toBe('2;"open\n')
    expect(parser.rowsParsed).toBe(2)
  })

  it('remembers the rows with a malformed quote, header counted', () => {
    const parser = new CsvChunkParser(',')

    readAll(parser, ['id,name\n1,Ann\n', '2,Bo "the" Second\n3,"Cy"x\n'])

    // papaparse may report one row twice (a stray quote, then the text after it).
    expect([...new Set(parser.quoteProblemRows)]).toEqual([4])
  })

  it('splits one column without quotes into lines, keeping the unfinished one', () => {
    const parser = new CsvChunkParser('\u0000')

    const first = parser.splitLines(parser.take('id\r\n0012\r\n00'), false, '\r\n')
    const second = parser.splitLines(parser.take('34'), true, '\r\n')

    expect(first).toEqual({ rows: ['id', '0012'], firstRow: 1 })
    expect(second).toEqual({ rows: ['0034'], firstRow: 3 })
  })
})
