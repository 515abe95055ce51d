import { describe, expect, it } from 'vitest'
import { IssueRecords } from './affected-rows'
import { IdCollector } from './id-collector'
import { ListReader } from './list-reader'

function read(text: string, chunkSize: number, skipHeaderLine = false) {
  const collector = new IdCollector(new IssueRecords(), 'Pasted text')
  const reader = new ListReader(collector, skipHeaderLine)
  for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize), false)
  reader.push('', true)
  return { ids: collector.ids.slice(), rows: collector.rows, valuesRead: reader.valuesRead }
}

describe('ListReader', () => {
  it('splits on any run of line breaks, commas, semicolons, tabs and spaces, in any chunk size', () => {
    const text = '0012, 0034;;0056\t0078  0090\r\n0011\r0022\n"0033"'
    for (const size of [1, 2, 5, 1000]) {
      expect(read(text, size)).toEqual({
        ids: ['0012', '0034', '0056', '0078', '0090', '0011', '0022', '0033'],
        rows: [1, 2, 3, 4, 5, 6, 7, 8],
        valuesRead: 8,
      })
    }
  })

  it('keeps a decimal-comma scientific number in one piece, even split across chunks', () => {
    for (const size of [1, 3, 1000]) {
      const { ids, valuesRead } = read('12,1,23457E+11,34', size)
      expect(ids).toEqual(['12', '34'])
      expect(valuesRead).toBe(3)
    }
  })

  it('skips the header line', () => {
    expect(read('Account ID\r\n0012\r\n0034', 4, true).ids).toEqual(['0012', '0034'])
  })
})
