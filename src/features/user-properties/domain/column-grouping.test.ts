import { describe, expect, it } from 'vitest'
import { chooseGroups, combine, EMPTY, splitByKeys, splitOf } from './column-grouping'

const ones = (n: number) => new Array<number>(n).fill(1)

describe('splitByKeys', () => {
  it('numbers keys in order of their first item and adds up their weights', () => {
    expect(splitByKeys([7, EMPTY, 7, 3], [1, 2, 3, 4])).toEqual({
      ids: Int32Array.from([0, EMPTY, 0, 1]),
      counts: [4, 4],
      firsts: [0, 3],
    })
  })
})

describe('combine', () => {
  it('keeps apart items that differ in either split, and skips items empty in both', () => {
    const tier = splitByKeys([0, 0, 1, EMPTY], ones(4))
    const seat = splitByKeys([0, 1, EMPTY, EMPTY], ones(4))
    expect(combine(tier, seat, ones(4))).toEqual({
      ids: Int32Array.from([0, 1, 2, EMPTY]),
      counts: [1, 1, 1],
      firsts: [0, 1, 2],
    })
  })

  it('reads the same whichever order three columns are combined in', () => {
    const columns = [
      [0, 1, 0, 1, 0],
      [2, 2, EMPTY, 3, 2],
      [0, 0, 0, 1, 1],
    ].map((keys) => splitByKeys(keys, ones(5)))
    expect(splitOf([0, 1, 2], columns, ones(5))).toEqual(splitOf([2, 0, 1], columns, ones(5)))
  })
})

describe('chooseGroups', () => {
  // Four distinct rows of two columns that always agree, weighing 10 users each.
  const agreeing = [splitByKeys([0, 1, 2, 3], ones(4)), splitByKeys([5, 6, 7, 8], ones(4))]
  const weights = [10, 10, 10, 10]

  it('sends columns that always agree together', () => {
    expect(chooseGroups(agreeing, weights, 1000)).toEqual({ groups: [[0, 1]], search: 'exact' })
  })

  it('keeps independent columns apart unless batches are so small that rows take fewer', () => {
    // Every tier with every seat, 3 × 3, one user each: 9 combinations, or 3 + 3 values.
    const tier = splitByKeys([0, 0, 0, 1, 1, 1, 2, 2, 2], ones(9))
    const seat = splitByKeys([0, 1, 2, 0, 1, 2, 0, 1, 2], ones(9))
    expect(chooseGroups([tier, seat], ones(9), 1000).groups).toEqual([[0], [1]])
    // One user a request: 9 requests for whole rows, 9 + 9 apart.
    expect(chooseGroups([tier, seat], ones(9), 1).groups).toEqual([[0, 1]])
  })
})
