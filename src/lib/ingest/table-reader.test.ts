import { describe, expect, it } from 'vitest'
import { IssueRecords } from './affected-rows'
import { IdCollector } from './id-collector'
import type { Newline } from './line-endings'
import type { LayoutPlan } from './plan-layout'
import { TableReader } from './table-reader'

const twoColumns: LayoutPlan = {
  layout: 'table',
  delimiter: ',',
  hasHeader: true,
  columns: ['Name', 'Account ID'],
  idColumn: 1,
  idColumnGuessed: false,
  automaticIdColumn: 1,
  idColumnChoice: 'automatic',
}

function read(plan: LayoutPlan, text: string, chunkSize: number, newline: Newline = '\n') {
  const collector = new IdCollector(new IssueRecords(), 'ids.csv')
  const reader = new TableReader(plan, collector, 'ids.csv')
  for (let i = 0; i < text.length; i += chunkSize) {
    reader.push(text.slice(i, i + chunkSize), false, newline)
  }
  reader.push('', true, newline)
  return { ids: collector.ids.slice(), rows: collector.rows, reader }
}

describe('TableReader', () => {
  it('reads the ID column of quoted rows split at any point', () => {
    const text = 'Name,Account ID\n"Lee, Ann","0012"\n"Bo\nChan",0034\nCy,0056'
    for (const size of [1, 4, 1000]) {
      const { ids, rows, reader } = read(twoColumns, text, size)
      expect(ids).toEqual(['0012', '0034', '0056'])
      // Row numbers count records, so the quoted line break does not shift them.
      expect(rows).toEqual([2, 3, 4])
      expect(reader.rowsRead).toBe(3)
    }
  })

  it('reads CRLF text with a CRLF parser', () => {
    expect(read(twoColumns, 'Name,Account ID\r\nAnn,0012\r\nBo,0034\r\n', 3, '\r\n').ids).toEqual([
      '0012',
      '0034',
    ])
  })

  it('reads a one-column file without quotes line by line', () => {
    const oneColumn: LayoutPlan = { ...twoColumns, delimiter: null, columns: ['id'], idColumn: 0 }
    const { ids, rows, reader } = read(oneColumn, 'id\n0012\n\n0034\n', 2)
    expect(ids).toEqual(['0012', '0034'])
    expect(rows).toEqual([2, 4])
    expect(reader.rowsRead).toBe(3)
  })

  it('notes the rows of malformed quotes', () => {
    const { reader } = read(twoColumns, 'Name,Account ID\nAnn,"00"12"\nBo,0034\n', 1000)
    expect(reader.quoteProblemRows.length).toBeGreaterThan(0)
  })

  it('stops on a quote that is never closed instead of reading the rest as one value', () => {
    const text = 'Name,Account ID\n"Ann,0012\n' + 'Bo,0034\n'.repeat(600_000)
    expect(() => read(twoColumns, text, 512 * 1024)).toThrow(
      'opens a quote (") that is never closed',
    )
  })
})
