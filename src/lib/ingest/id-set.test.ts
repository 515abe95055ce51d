import { describe, expect, it } from 'vitest'
import { idFromNumericKey, IdSet, numericIdKey, NumericIdSet } from './id-set'

describe('idFromNumericKey', () => {
  it('gives back the digits, leading zeros included, of every key', () => {
    for (const id of ['0', '0012', '12', '00000000000000', '99999999999999', '10000000000000']) {
      expect(idFromNumericKey(numericIdKey(id))).toBe(id)
    }
  })
})

describe('numericIdKey', () => {
  it('maps equal digit strings to equal keys and different ones apart', () => {
    expect(numericIdKey('0012')).not.toBe(numericIdKey('012'))
    expect(numericIdKey('99999999999999')).toBe(99_999_999_999_999 * 16 + 14)
    expect(numericIdKey('')).toBe(-1)
    expect(numericIdKey('-12')).toBe(-1)
    expect(numericIdKey('123456789012345')).toBe(-1)
  })
})

describe('NumericIdSet', () => {
  it('adds each key once while growing far past its first size', () => {
    const set = new NumericIdSet()
    for (let i = 1; i <= 300_000; i++) expect(set.add(i * 16 + 8)).toBe(true)
    for (let i = 1; i <= 300_000; i += 997) expect(set.add(i * 16 + 8)).toBe(false)
    expect(set.size).toBe(300_000)
    expect(set.has(17 * 16 + 8)).toBe(true)
    expect(set.has(300_001 * 16 + 8)).toBe(false)
  })
})

describe('IdSet', () => {
  it('holds exact strings: leading zeros, text IDs and long digit strings', () => {
    const ids = new IdSet()
    for (const id of ['0012', '12', 'A12', '1'.repeat(20)]) expect(ids.add(id)).toBe(true)
    for (const id of ['0012', '12', 'A12', '1'.repeat(20)]) expect(ids.add(id)).toBe(false)
    expect(ids.size).toBe(4)
    expect(ids.has('012')).toBe(false)
    expect(ids.has('1'.repeat(19))).toBe(false)
  })
})
