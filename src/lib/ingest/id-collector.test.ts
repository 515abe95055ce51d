import { describe, expect, it } from 'vitest'
import { IssueRecords } from './affected-rows'
import { IdCollector } from './id-collector'

describe('IdCollector', () => {
  it('keeps unique cleaned IDs with the row each was first seen in, and records every change', () => {
    const records = new IssueRecords()
    const collector = new IdCollector(records, 'ids.csv')
    const values = [' 0012', '0012', '12', '', '1.2E+11', 'A7', 'A7', '34.0']
    values.forEach((value, index) => collector.add(value, index + 2))
    expect(collector.finish()).toBeNull()
    expect(collector.ids).toEqual(['0012', '12', 'A7', '34'])
    expect(collector.rows).toEqual([2, 4, 7, 9])
    expect(collector.valuesRead).toBe(8)
    expect(records.rows('duplicate')).toEqual([3, 8])
    expect(records.originals('duplicate')).toEqual(['0012', 'A7'])
    expect(records.rows('trimmed')).toEqual([2])
    expect(records.rows('blank')).toEqual([5])
    expect(records.rows('scientific')).toEqual([6])
    expect(records.rows('decimalSuffix')).toEqual([9])
  })

  it('records short numeric IDs when most IDs share one length', () => {
    const records = new IssueRecords()
    const collector = new IdCollector(records, 'ids.csv')
    for (let i = 0; i < 40; i++) collector.add(String(10_000_000 + i), i + 2)
    collector.add('12345', 42)
    expect(collector.finish()?.typicalLength).toBe(8)
    expect(records.rows('mixedLengths')).toEqual([42])
    expect(records.originals('mixedLengths')).toEqual(['12345'])
  })
})
