import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { scanBytes } from './byte-scan'
import { CATEGORICAL_LIMIT } from './protocol'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

async function* cutInto(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= from || cut >= bytes.length) continue
    yield bytes.subarray(from, cut)
    from = cut
  }
  yield bytes.subarray(from)
}

// Quote-free cells: letters, digits, spaces, and characters of two to four UTF-8 bytes.
const cell = fc.string({
  unit: fc.constantFrom('a', 'B', '7', ' ', '-', 'é', '€', '😀'),
  maxLength: 4,
})

describe('scanBytes', () => {
  it('codes every cell so that its value reads back exactly, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 30,
          }),
        ),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(400)),
        async (rows, newline, finalBreak, cuts) => {
          // A row of one empty cell is a blank line, which this reader does not tell from none.
          fc.pre(rows.every((row) => row.length > 1 || row[0] !== ''))
          const text = rows.map((row) => row.join(',')).join(newline) + (finalBreak ? newline : '')
          const scanned = await scanBytes(cutInto(encoder.encode(text), cuts), 'every')
          expect(scanned.rows).toBe(rows.length)
          const read = rows.map((row, r) =>
            row.map((_, c) => {
              const column = scanned.columns[c]
              const code = column?.codes[r]
              return column === undefined || code === undefined
                ? null
                : decoder.decode(column.dictionary.bytesOf(code))
            }),
          )
          expect(read).toEqual(rows)
          const columns = rows[0]?.length ?? 0
          const distinct = Array.from(
            { length: columns },
            (_, c) => new Set(rows.map((row) => row[c])).size,
          )
          expect(scanned.distinctValues).toEqual(distinct)
        },
      ),
    )
  })

  it('finds the rows papaparse finds, and at the scan depth codes nothing', async () => {
    const text = 'Account ID,Plan\r\n0012,Gold\r\n0034,Silver\r\n0012,Gold'
    const papaparse = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' })
    const scanned = await scanBytes(cutInto(encoder.encode(text), [3, 20]), 'scan')
    expect(scanned.rows).toBe(papaparse.data.length)
    expect(scanned.distinctValues).toEqual([])
  })

  it('stops coding a column past CATEGORICAL_LIMIT distinct values at the categorical depth', async () => {
    const rows = CATEGORICAL_LIMIT + 10
    const text = Array.from({ length: rows }, (_, i) => `T${i},${i % 4}`).join('\n')
    const scanned = await scanBytes(cutInto(encoder.encode(text), [65_536]), 'categorical')
    expect(scanned.rows).toBe(rows)
    expect(scanned.distinctValues).toEqual([-1, 4])
  })

  it('refuses a file with a quote rather than read it wrongly', async () => {
    await expect(
      scanBytes(cutInto(encoder.encode('id,name\n1,"A, B"\n'), []), 'every'),
    ).rejects.toThrow('only files without quotes')
  })
})
