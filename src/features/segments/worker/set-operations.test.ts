import { describe, expect, it } from 'vitest'
import { IdList } from '../../../lib/ingest/id-list'
import { combineIdLists } from './set-operations'

const a = IdList.from(['0012', '0034', '0056', 'X9'])
const b = IdList.from(['0034', '12', 'X9', '0078'])
const c = IdList.from(['X9', '0034', '0099'])
const ids = (list: IdList) => list.slice()

describe('combineIdLists', () => {
  it('unions in first-seen order, removing repeats from later sources', () => {
    const result = combineIdLists([a, b], 'union')
    expect(ids(result.ids)).toEqual(['0012', '0034', '0056', 'X9', '12', '0078'])
    expect(result.removed).toEqual([[], [0, 2]])
  })

  it('keeps "12" and "0012" apart', () => {
    expect(ids(combineIdLists([IdList.from(['0012']), IdList.from(['12'])], 'union').ids)).toEqual([
      '0012',
      '12',
    ])
    expect(
      ids(combineIdLists([IdList.from(['0012']), IdList.from(['12'])], 'intersection').ids),
    ).toEqual([])
  })

  it('returns a single source unchanged under union', () => {
    expect(combineIdLists([a], 'union').ids).toBe(a)
  })

  it('intersects: IDs in every source, and what each source lost', () => {
    const result = combineIdLists([a, b, c], 'intersection')
    expect(ids(result.ids)).toEqual(['0034', 'X9'])
    expect(result.removed).toEqual([[0, 2], [1, 3], [2]])
  })

  it('subtracts the other sources from the first', () => {
    const result = combineIdLists([a, b, c], 'subtract')
    expect(ids(result.ids)).toEqual(['0012', '0056'])
    expect(result.removed).toEqual([[1, 3], [], []])
  })

  it('handles no sources', () => {
    const result = combineIdLists([], 'union')
    expect(ids(result.ids)).toEqual([])
    expect(result.removed).toEqual([])
  })
})
