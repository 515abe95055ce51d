import { describe, expect, it } from 'vitest'
import { countByValue, findColumn } from './coded-column'

const named = (...names: string[]) => names.map((name) => ({ name }))

describe('findColumn', () => {
  it('prefers the exact header, then one equal ignoring case and spaces', () => {
    expect(findColumn(named('Plan Type', 'plan type'), 'plan type')).toBe(1)
    expect(findColumn(named('Account ID', ' Plan  type '), 'Plan Type')).toBe(1)
  })

  it('finds nothing when the loose match is not unique or absent', () => {
    expect(findColumn(named('Plan', 'plan'), 'PLAN')).toBe(-1)
    expect(findColumn(named('Plan'), 'Region')).toBe(-1)
    expect(findColumn(named('constructor'), '__proto__')).toBe(-1)
  })
})

describe('countByValue', () => {
  const column = { name: 'Plan', values: ['Gold', 'Silver'], codes: Uint32Array.of(0, 1, 0) }

  it('counts rows per code', () => {
    expect([...countByValue(column, 3)]).toEqual([2, 1])
  })

  it('counts only the rows a mask keeps', () => {
    expect([...countByValue(column, 3, Uint8Array.of(0, 1, 1))]).toEqual([1, 1])
  })
})
