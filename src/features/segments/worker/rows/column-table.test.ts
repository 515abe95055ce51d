import { describe, expect, it } from 'vitest'
import { CODE_CHUNK_ROWS, ColumnTableBuilder, ID_CELL_NOTES } from './column-table'

describe('ColumnTableBuilder', () => {
  it('keeps each column as dictionary codes, first seen first', () => {
    const builder = new ColumnTableBuilder(['Account ID', 'Plan'], 0)
    builder.addRows(
      [
        ['Account ID', 'Plan'],
        ['A1', 'Gold'],
        ['A2', 'Silver'],
        ['A3', 'Gold'],
      ],
      1,
      1,
    )
    const table = builder.finish()
    expect(table.rowCount).toBe(3)
    expect(table.idColumn).toBe(0)
    expect(table.columns[1]?.values).toEqual(['Gold', 'Silver'])
    expect([...(table.columns[1]?.codes ?? [])]).toEqual([0, 1, 0])
    expect([...table.rowNumbers]).toEqual([2, 3, 4])
  })

  it('reads a short row’s missing cells as blank and counts rows with extra cells', () => {
    const builder = new ColumnTableBuilder(['ID', 'Plan'], 0)
    builder.addRows([['A1'], ['A2', 'Gold', 'spill']], 2)
    const table = builder.finish()
    expect(table.columns[1]?.values).toEqual(['', 'Gold'])
    expect(table.rowsWithExtraCells).toBe(1)
  })

  it('takes a sheet’s row numbers, gaps included', () => {
    const builder = new ColumnTableBuilder(['ID'], 0)
    builder.addRows([['A1'], ['A2']], 2, 0, { rowNumbers: [2, 7], idNotes: [null, null] })
    const table = builder.finish()
    expect([...table.rowNumbers]).toEqual([2, 7])
    expect(table.idNotes).toBeNull()
  })

  it('keeps a sheet’s notes on its ID cells, and its Excel date columns, only when there are some', () => {
    const builder = new ColumnTableBuilder(['ID', 'Since'], 0)
    builder.addRows(
      [
        ['000123', '2026-03-25'],
        ['2025-07-01', '2026-03-26'],
      ],
      2,
      0,
      {
        rowNumbers: [2, 3],
        idNotes: ['zeroPadded', 'dateCell'],
      },
    )
    builder.markExcelDateColumns([1])
    const table = builder.finish()
    expect([...(table.idNotes ?? [])].map((code) => ID_CELL_NOTES[code - 1])).toEqual([
      'zeroPadded',
      'dateCell',
    ])
    expect([...table.excelDateColumns]).toEqual(['Since'])
  })

  it('grows past the room it expected, across batches', () => {
    const builder = new ColumnTableBuilder(['ID', 'Even'], 0, 10)
    const rows = Array.from({ length: CODE_CHUNK_ROWS + 5 }, (_, i) => [`F${i}`, String(i % 2)])
    builder.addRows(rows.slice(0, 7), 2)
    builder.addRows(rows.slice(7), 9)
    const table = builder.finish()
    expect(table.rowCount).toBe(rows.length)
    expect(table.columns[0]?.codes.length).toBe(rows.length)
    expect(table.columns[0]?.values.at(-1)).toBe(`F${rows.length - 1}`)
    expect(table.columns[1]?.values).toEqual(['0', '1'])
    expect(table.rowNumbers.at(-1)).toBe(rows.length + 1)
  })

  it('keeps codes as narrow as the distinct values allow, widening without losing a code', () => {
    const builder = new ColumnTableBuilder(['ID', 'Plan', 'Postal Code'], 0, 10)
    const rows = Array.from({ length: 70_000 }, (_, i) => [`F${i}`, `Plan ${i % 4}`, `${i % 300}`])
    builder.addRows(rows.slice(0, 200), 2)
    builder.addRows(rows.slice(200), 202)
    const [ids, plans, postal] = builder.finish().columns
    expect(plans?.codes).toBeInstanceOf(Uint8Array)
    expect(postal?.codes).toBeInstanceOf(Uint16Array)
    expect(ids?.codes).toBeInstanceOf(Uint32Array)
    const cellsOf = (column: typeof ids) =>
      Array.from(column?.codes ?? [], (code) => column?.values[code])
    expect(cellsOf(ids)).toEqual(rows.map((row) => row[0]))
    expect(cellsOf(plans)).toEqual(rows.map((row) => row[1]))
    expect(cellsOf(postal)).toEqual(rows.map((row) => row[2]))
  })

  it('refuses an ID column outside the header', () => {
    expect(() => new ColumnTableBuilder(['ID'], 1)).toThrow(RangeError)
  })
})
