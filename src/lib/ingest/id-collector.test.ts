import { describe, expect, it } from 'vitest'
import { IssueRecords } from './affected-rows'
import { IdCollector } from './id-collector'

describe('IdCollector', () => {
  it('keeps unique cleaned IDs with the row each was first seen in, and records every change', () => {
    const records = new IssueRecords()
    const collector = new IdCollector(records, 'ids.csv')
    const values = [' 0012', '0012', '12', '', '1.2E+11', 'A7', 'A7', '34.0']
    values.forEach((value, index) => collector.addAll([value], index + 2))
    expect(collector.finish()).toBeNull()
    expect(collector.ids.slice()).toEqual(['0012', '12', 'A7', '34'])
    expect(collector.rows).toEqual([2, 4, 7, 9])
    expect(collector.valuesRead).toBe(8)
    expect(records.rows('duplicate')).toEqual([3, 8])
    expect(records.originals('duplicate')).toEqual(['0012', 'A7'])
    expect(records.rows('trimmed')).toEqual([2])
    expect(records.rows('blank')).toEqual([5])
    expect(records.rows('scientific')).toEqual([6])
    expect(records.rows('decimalSuffix')).toEqual([9])
  })

  it('gives the same IDs, rows and records whether values arrive one by one or in batches', () => {
    const values = ['Account ID', ' 0012', 'A7', '0012', '12', '', 'a7', 'A7 ', '34.0', '12']
    const oneByOne = new IdCollector(new IssueRecords(), 'ids.csv')
    values.slice(1).forEach((value, index) => oneByOne.addAll([value], index + 2))
    const batched = new IdCollector(new IssueRecords(), 'ids.csv')
    // The first batch starts at the header, which `from` skips; the second continues at row 6.
    batched.addAll(values.slice(0, 5), 1, 1)
    batched.addAll(values.slice(5), 6)
    for (const collector of [oneByOne, batched]) {
      expect(collector.ids.slice()).toEqual(['0012', 'A7', '12', 'a7', '34'])
      expect(collector.rows).toEqual([2, 3, 5, 7, 9])
      expect(collector.valuesRead).toBe(9)
      expect(collector.records.rows('duplicate')).toEqual([4, 8, 10])
      expect(collector.records.originals('duplicate')).toEqual(['0012', 'A7 ', '12'])
      expect(collector.records.rows('trimmed')).toEqual([2, 8])
      expect(collector.records.rows('blank')).toEqual([6])
    }
  })

  it('records short numeric IDs when most IDs share one length', () => {
    const records = new IssueRecords()
    const collector = new IdCollector(records, 'ids.csv')
    for (let i = 0; i < 40; i++) collector.addAll([String(10_000_000 + i)], i + 2)
    collector.addAll(['12345'], 42)
    expect(collector.finish()?.typicalLength).toBe(8)
    expect(records.rows('mixedLengths')).toEqual([42])
    expect(records.originals('mixedLengths')).toEqual(['12345'])
  })
})
