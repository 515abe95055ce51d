import { describe, expect, it } from 'vitest'
import { ColumnTableBuilder, type ColumnTable } from './column-table'
import { keptIds } from './kept-ids'

function tableOf(rows: string[][]): ColumnTable {
  const builder = new ColumnTableBuilder(['Account ID', 'Plan'], 0)
  builder.addRows(rows, 2)
  return builder.finish()
}

const idsOf = (list: { length: number; at: (i: number) => string }) =>
  Array.from({ length: list.length }, (_, i) => list.at(i))

describe('keptIds', () => {
  const table = tableOf([
    ['B2', 'Silver'],
    ['A1', 'Gold'],
    ['A1', 'Gold'],
    ['', 'Gold'],
    [' C3 ', 'Gold'],
    ['1.23457E+11', 'Gold'],
    ['D4', 'Silver'],
  ])
  const gold = Uint8Array.of(0, 1, 1, 1, 1, 1, 0)

  it('keeps each fan once, first seen first, from the kept rows only', () => {
    const kept = keptIds(table, gold, 'tickets.csv')
    expect(idsOf(kept.ids)).toEqual(['A1', 'C3'])
    expect(kept.rows).toEqual([3, 6])
    expect(kept.keptRows).toBe(5)
    expect(kept.sentence).toBe('5 of 7 rows kept → 2 IDs')
    expect(kept.severalRows).toBe(
      'A fan with several kept rows is in once: 1 fewer ID than rows, besides the 2 rows cleaning dropped.',
    )
  })

  it('counts cleaning on the kept rows, with the source’s sentences', () => {
    const kept = keptIds(table, gold, 'tickets.csv')
    const counts = Object.fromEntries(kept.issues.map((issue) => [issue.kind, issue.count]))
    expect(counts).toEqual({ duplicate: 1, blank: 1, trimmed: 1, scientific: 1 })
    expect(kept.issues.find((issue) => issue.kind === 'scientific')?.examples[0]).toMatchObject({
      file: 'tickets.csv',
      row: 7,
      original: '1.23457E+11',
    })
    expect(keptIds(table, Uint8Array.of(1, 0, 0, 0, 0, 0, 1), 'tickets.csv').issues).toEqual([])
  })

  it('takes every row without a mask', () => {
    const kept = keptIds(table, null, 'tickets.csv')
    expect(idsOf(kept.ids)).toEqual(['B2', 'A1', 'C3', 'D4'])
    expect(kept.sentence).toBe('7 of 7 rows kept → 4 IDs')
  })
})
