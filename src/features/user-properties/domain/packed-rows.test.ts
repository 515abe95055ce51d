import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packRows, readPackedRows } from './packed-rows'

describe('packRows and readPackedRows', () => {
  it('packs cells into one string with their ends', () => {
    const packed = packRows([['7', 'Gold'], ['8'], []])
    expect(packed.text).toBe('7Gold8')
    expect([...packed.cellEnds]).toEqual([1, 5, 6])
    expect([...packed.rowEnds]).toEqual([2, 3, 3])
  })

  it('gives back every row exactly, whatever the cells hold', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('', ',', '"a ""b"""', '😀', '\n'))
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 40 }), (rows) => {
        const reader = readPackedRows(packRows(rows))
        expect(reader.count).toBe(rows.length)
        expect(Array.from({ length: rows.length }, (_, i) => reader.row(i))).toEqual(rows)
      }),
      { numRuns: 200 },
    )
  })

  it('answers a row outside the table with no cells, like a short row', () => {
    const reader = readPackedRows(packRows([['7', 'Gold']]))
    expect(reader.row(1)).toEqual([])
    expect(reader.row(-1)).toEqual([])
  })
})
