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

  it('matches text IDs exactly, names an object would inherit and emoji included', () => {
    const ids = new IdSet()
    const texts = ['T1000000', 't1000000', 'T1000000 ', '__proto__', 'constructor', '🎟️', '']
    expect(texts.map((id) => ids.add(id))).toEqual(texts.map(() => true))
    expect(texts.map((id) => ids.has(id))).toEqual(texts.map(() => true))
    expect(ids.has('hasOwnProperty')).toBe(false)
    expect(ids.size).toBe(texts.length)
  })

  it('refuses a text ID past its limit, as V8 refuses a Set entry, but still knows the ones it has', () => {
    const ids = new IdSet(2)
    ids.add('A1')
    ids.add('A2')

    expect(ids.add('A1')).toBe(false)
    expect(ids.add('0012')).toBe(true)
    expect(() => ids.add('A3')).toThrow(RangeError)
  })

  it('makes room for digit-only IDs only when the first one comes', () => {
    const ids = new IdSet()
    const before = process.memoryUsage().arrayBuffers
    ids.reserve(1_000_000)
    for (let i = 0; i < 1_000; i++) ids.add(`T${i}`)
    const forText = process.memoryUsage().arrayBuffers - before

    ids.add('0012')
    const forDigits = process.memoryUsage().arrayBuffers - before

    // Room for a million digit-only IDs is 2^21 slots of 8 bytes.
    expect(forText).toBeLessThan(1024 * 1024)
    expect(forDigits).toBeGreaterThanOrEqual(16 * 1024 * 1024)
    expect(ids.has('0012') && ids.has('T999')).toBe(true)
  })
})
