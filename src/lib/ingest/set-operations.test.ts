import { describe, expect, it } from 'vitest'
import { combineIdLists } from './set-operations'

const a = ['0012', '0034', '0056', 'X9']
const b = ['0034', '12', 'X9', '0078']
const c = ['X9', '0034', '0099']

describe('combineIdLists', () => {
  it('unions in first-seen order, removing repeats from later sources', () => {
    const result = combineIdLists([a, b], 'union')
    expect(result.ids).toEqual(['0012', '0034', '0056', 'X9', '12', '0078'])
    expect(result.removed).toEqual([[], [0, 2]])
  })

  it('keeps "12" and "0012" apart', () => {
    expect(combineIdLists([['0012'], ['12']], 'union').ids).toEqual(['0012', '12'])
    expect(combineIdLists([['0012'], ['12']], 'intersection').ids).toEqual([])
  })

  it('returns a single source unchanged under union', () => {
    expect(combineIdLists([a], 'union').ids).toBe(a)
  })

  it('intersects: IDs in every source, and what each source lost', () => {
    const result = combineIdLists([a, b, c], 'intersection')
    expect(result.ids).toEqual(['0034', 'X9'])
    expect(result.removed).toEqual([[0, 2], [1, 3], [2]])
  })

  it('subtracts the other sources from the first', () => {
    const result = combineIdLists([a, b, c], 'subtract')
    expect(result.ids).toEqual(['0012', '0056'])
    expect(result.removed).toEqual([[1, 3], [], []])
  })

  it('handles no sources', () => {
    expect(combineIdLists([], 'union')).toEqual({ ids: [], removed: [] })
  })
})
