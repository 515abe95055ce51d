import { describe, expect, it } from 'vitest'
import { leftOutColumn } from './left-out-column'

describe('leftOutColumn', () => {
  it('under Union, counts the IDs an earlier source already gave', () => {
    const column = leftOutColumn('union')
    expect(column.header).toBe('Already in an earlier source')
    expect([column.cell(0, 0), column.cell(1, 3)]).toEqual([0, 3])
  })

  it('under Intersection, counts in every source the IDs that are not in all of them', () => {
    const column = leftOutColumn('intersection')
    expect(column.header).toBe('Not in every source')
    expect([column.cell(0, 2), column.cell(1, 5)]).toEqual([2, 5])
  })

  it('under Subtract, counts what the first source lost and nothing for the sources taken away', () => {
    const column = leftOutColumn('subtract')
    expect(column.header).toBe('Removed: also in a later source')
    expect([column.cell(0, 4), column.cell(1, 0), column.cell(2, 0)]).toEqual([4, null, null])
  })
})
