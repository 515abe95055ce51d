import { describe, expect, it } from 'vitest'
import { SourceRowsReader } from './source-rows'

const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => [`A${i}`, i % 2 === 0 ? 'Gold' : 'Silver'])

describe('SourceRowsReader', () => {
  it('makes room once for the rows estimated from the file size, with a margin', () => {
    const reader = new SourceRowsReader()
    reader.start(['Account ID', 'Plan'], 0, 100_000).addRows(rows(100_000), 2, 0)

    const table = reader.finish()

    expect(table?.rowCount).toBe(100_000)
    // One allocation of 105,000 rows, trimmed in place: no doubling (131,072 or 262,144 rows).
    expect(table?.rowNumbers.buffer.byteLength).toBe(105_000 * 4)
    expect(table?.columns[1]?.codes.buffer.byteLength).toBe(105_000)
  })

  it('grows past an estimate that was too low', () => {
    const reader = new SourceRowsReader()
    reader.start(['Account ID', 'Plan'], 0, 10).addRows(rows(1_000), 2, 0)

    const table = reader.finish()

    expect(table?.rowCount).toBe(1_000)
    expect(table?.columns[0]?.values[999]).toBe('A999')
    expect([...(table?.rowNumbers.slice(-2) ?? [])]).toEqual([1_000, 1_001])
  })
})
