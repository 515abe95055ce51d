// uDSV beside papaparse, each read as the bench's bare parses read a file (bare-parse.ts,
// udsv-parse.ts): csv-spectrum's cases and the round trip of parse-source-values.test.ts (random
// cells, every separator and line ending, the bytes cut anywhere and each piece handed to the
// parser as it arrives). papaparse reads every case exactly. Where uDSV 0.7.3 does not, the test
// pins what it gives instead, so an update that changes it shows here.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { inferSchema, initParser } from 'udsv'
import { describe, expect, it } from 'vitest'
import type { Delimiter } from '../../src/lib/ingest/types'
import { csvCell, csvLayout, writeCsv } from '../../src/lib/testing/csv-cells'
import { cutAt } from '../../src/lib/testing/cut-at'
import { utf8 } from '../../src/lib/testing/ingest-inputs'
import { measureBareParse, readRowsWithPapaparse } from './bare-parse'
import type { BareReadOptions } from './text-batches'
import { measureUdsvParse, readRowsWithUdsv } from './udsv-parse'

type Reader = (
  chunks: AsyncIterable<Uint8Array>,
  onRow: (row: string[]) => void,
  options?: BareReadOptions,
) => Promise<Delimiter | null>

/** Every row `reader` gives for `input` cut at `cuts`, each piece parsed as it arrives. */
async function rowsOf(
  reader: Reader,
  input: string | Uint8Array,
  cuts: readonly number[],
  delimiter: Delimiter | null,
): Promise<string[][]> {
  const rows: string[][] = []
  const bytes = typeof input === 'string' ? utf8(input) : input
  await reader(cutAt(bytes, cuts), (row) => rows.push(row), { batchChars: 1, delimiter })
  return rows
}

const spectrumDir = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'))

/** csv-spectrum 2.0.0's cases: each CSV and the rows its JSON says it holds, header first. */
function spectrumCases(): { name: string; bytes: Uint8Array; rows: string[][] }[] {
  return readdirSync(join(spectrumDir, 'csvs')).map((file) => {
    const name = file.replace(/\.csv$/, '')
    const answer: unknown = JSON.parse(
      readFileSync(join(spectrumDir, 'json', `${name}.json`), 'utf8'),
    )
    // location_coordinates.json is one object, not a list, and its phone number is not the CSV's.
    const records = (Array.isArray(answer) ? answer : [answer]) as Record<string, string>[]
    if (name === 'location_coordinates')
      records[0] = { ...records[0], 'Contact Phone Number': '2095257564' }
    const header = Object.keys(records[0] ?? {})
    return {
      name,
      bytes: new Uint8Array(readFileSync(join(spectrumDir, 'csvs', file))),
      rows: [header, ...records.map((record) => header.map((column) => record[column] ?? ''))],
    }
  })
}

describe('csv-spectrum', () => {
  const cases = spectrumCases()

  it('has its 12 cases', () => {
    expect(cases.map((c) => c.name)).toHaveLength(12)
  })

  for (const [parser, reader] of [
    ['papaparse', readRowsWithPapaparse],
    ['uDSV', readRowsWithUdsv],
  ] as const) {
    it(`${parser} reads every case exactly, whole and cut at each byte`, async () => {
      for (const { name, bytes, rows } of cases) {
        for (let cut = 0; cut < bytes.length; cut++) {
          expect({ name, cut, rows: await rowsOf(reader, bytes, [cut], ',') }).toEqual({
            name,
            cut,
            rows,
          })
        }
      }
    })
  }
})

/** The round trip's cells, with the values the issue names among them. */
const cell = fc.oneof(
  csvCell,
  fc.constantFrom('', '__proto__', "=cmd|' /C calc'!A0", '👍🏽', 'Zoë, "Gold"\r\nrow'),
)
const HEADER = ['Account ID', 'Notes', 'Seat']

/**
 * True when `got` is `written` but for a U+FEFF uDSV may drop from the start of an unquoted row:
 * it strips one from the start of every text it parses, and a chunk or a carried row can start
 * there.
 */
function sameButLeadingBom(got: readonly string[], written: readonly string[], quoted: boolean) {
  const first = written[0] ?? ''
  return (
    JSON.stringify(got) === JSON.stringify(written) ||
    (!quoted &&
      first.startsWith('\uFEFF') &&
      JSON.stringify(got) === JSON.stringify([first.slice(1), ...written.slice(1)]))
  )
}

describe('the round trip: random cells in every layout, cut anywhere', () => {
  const table = fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 25 })
  const cuts = fc.array(fc.nat(), { maxLength: 4 })

  it('papaparse gives back every cell as written', async () => {
    await fc.assert(
      fc.asyncProperty(csvLayout, table, cuts, async (layout, cells, cutPoints) => {
        const rows = [HEADER, ...cells]
        const text = writeCsv(rows, layout)
        expect(await rowsOf(readRowsWithPapaparse, text, cutPoints, layout.delimiter)).toEqual(rows)
      }),
      { numRuns: 400 },
    )
  })

  it('uDSV gives back every cell as written, but for a U+FEFF starting a row', async () => {
    await fc.assert(
      fc.asyncProperty(csvLayout, table, cuts, async (layout, cells, cutPoints) => {
        const rows = [HEADER, ...cells]
        const text = writeCsv(rows, layout)
        const got = await rowsOf(readRowsWithUdsv, text, cutPoints, layout.delimiter)
        expect(got).toHaveLength(rows.length)
        rows.forEach((row, i) => {
          const quoted = layout.quoteAll || /["\r\n]/.test(row[0] ?? '')
          expect(sameButLeadingBom(got[i] ?? [], row, quoted), JSON.stringify(got[i])).toBe(true)
        })
      }),
      { numRuns: 400 },
    )
  })

  it('a one-column list without quotes: both give back every ID, blanks included', async () => {
    const id = fc.oneof(
      fc.stringMatching(/^\d{1,12}$/),
      fc.constantFrom('', '__proto__', "=cmd|' /C calc'!A0", '👍🏽', '1,23457E+11', ' 0012 '),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(id, { minLength: 1, maxLength: 40 }),
        cuts,
        async (lineEnding, ids, cutPoints) => {
          const rows = [['user_id'], ...ids.map((value) => [value])]
          // A final line break is written: without it an empty last ID could not be told apart.
          const text = rows.map(([value]) => `${value}${lineEnding}`).join('')
          for (const reader of [readRowsWithPapaparse, readRowsWithUdsv]) {
            expect(await rowsOf(reader, text, cutPoints, null)).toEqual(rows)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('where uDSV 0.7.3 reads differently (papaparse as written)', () => {
  const both = async (text: string, delimiter: Delimiter | null, cuts: number[] = []) => ({
    papaparse: await rowsOf(readRowsWithPapaparse, text, cuts, delimiter),
    uDSV: await rowsOf(readRowsWithUdsv, text, cuts, delimiter),
  })

  it('a one-column file with a quoted value keeps only the last row of each parse', async () => {
    expect(await both('user_id\n"0012"\n0034\n0056\n', null)).toEqual({
      papaparse: [['user_id'], ['0012'], ['0034'], ['0056']],
      uDSV: [['0056']],
    })
    const cut = 'user_id\n"0012"\n00'.length
    expect(await both('user_id\n"0012"\n0034\n0056\n"0078"\n0090\n', null, [cut])).toEqual({
      papaparse: [['user_id'], ['0012'], ['0034'], ['0056'], ['0078'], ['0090']],
      uDSV: [['0090']],
    })
  })

  it('a row with fewer or more cells than the first merges into its neighbours', async () => {
    expect(await both('a,b,c\n1,2\n3,4,5,6\n7,8,9\n', ',')).toEqual({
      papaparse: [
        ['a', 'b', 'c'],
        ['1', '2'],
        ['3', '4', '5', '6'],
        ['7', '8', '9'],
      ],
      uDSV: [
        ['a', 'b', 'c'],
        ['1', '2\n3', '4,5,6'],
        ['7', '8', '9'],
      ],
    })
    expect(await both('a,b,c\n1,2,3\n4,5', ',')).toEqual({
      papaparse: [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
        ['4', '5'],
      ],
      uDSV: [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
        ['4', '', '4,5'],
      ],
    })
  })

  it('drops a blank line between rows of several columns', async () => {
    expect(await both('a,b\n1,2\n\n3,4\n', ',')).toEqual({
      papaparse: [['a', 'b'], ['1', '2'], [''], ['3', '4']],
      uDSV: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    })
  })

  it('drops a U+FEFF that starts a row at the start of a chunk', async () => {
    const text = 'Notes,Seat\n1,2\n\uFEFFx,1\n'
    expect(await both(text, ',', [utf8('Notes,Seat\n1,2\n').length])).toEqual({
      papaparse: [
        ['Notes', 'Seat'],
        ['1', '2'],
        ['\uFEFFx', '1'],
      ],
      uDSV: [
        ['Notes', 'Seat'],
        ['1', '2'],
        ['x', '1'],
      ],
    })
  })

  it('keeps only what follows a closing quote in a malformed cell', async () => {
    // Text or a space after a closing quote: papaparse keeps the cell's text, uDSV what follows.
    expect(await both('a,b\n"x"y,1\n', ',')).toEqual({
      papaparse: [['a', 'b'], ['x"y,1']],
      uDSV: [
        ['a', 'b'],
        ['y', '1'],
      ],
    })
    expect(await both('a,b\n"x" ,1\n', ',')).toEqual({
      papaparse: [
        ['a', 'b'],
        ['x', '1'],
      ],
      uDSV: [
        ['a', 'b'],
        [' ', '1'],
      ],
    })
  })

  it('cannot read a file of one line with no line break (its inferSchema needs one)', async () => {
    expect(await rowsOf(readRowsWithPapaparse, 'user_id', [], null)).toEqual([['user_id']])
    await expect(rowsOf(readRowsWithUdsv, 'user_id', [], null)).rejects.toThrow(TypeError)
  })

  it('fed a CRLF cut between chunks after a quoted cell, starts the next row with its LF', async () => {
    const parser = initParser(inferSchema('a,b\r\n', { col: ',', header: () => [] }))
    const rows: string[][] = []
    for (const chunk of ['a,b\r\n"1","2"\r', '\n"3",4\r\n']) {
      parser.chunk<string[]>(chunk, parser.stringArrs, (row) => {
        rows.push(row)
      })
    }
    parser.end()
    expect(rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['\n"3"', '4'],
    ])
    // Which is why readRowsWithUdsv holds a chunk's last CR back until the next chunk.
    const text = 'a,b\r\n"1","2"\r\n"3",4\r\n'
    expect(await both(text, ',', [utf8('a,b\r\n"1","2"\r').length])).toEqual({
      papaparse: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
      uDSV: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    })
  })
})

describe('measureUdsvParse', () => {
  it('counts the rows measureBareParse counts, in a file streamed in 64 KB parts', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [
      String(1_000_000 + i),
      i % 7 === 0 ? `"Full Season, ${i}"` : 'Flex Plan',
      i % 11 === 0 ? '"two\r\nlines"' : '',
    ])
    const text = `${[HEADER, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`
    const parts = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) =>
      text.slice(i * 65_536, (i + 1) * 65_536),
    )
    const file = new File(parts, 'tickets.csv', { type: 'text/csv' })
    const udsv = await measureUdsvParse(file)
    expect(udsv).toMatchObject({ rows: rows.length + 1, delimiter: ',' })
    expect(udsv.durationMs).toBeGreaterThan(0)
    expect(await measureBareParse(file)).toMatchObject({ rows: udsv.rows, delimiter: ',' })
  })
})
