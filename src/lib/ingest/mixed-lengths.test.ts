import { describe, expect, it } from 'vitest'
import { findMixedLengths, LengthTally } from './mixed-lengths'

function tally(ids: readonly string[]): LengthTally {
  const lengths = new LengthTally()
  for (const id of ids) lengths.add(id)
  return lengths
}

const eightDigit = (n: number) => String(10_000_000 + n)

describe('findMixedLengths', () => {
  it('reports short numeric IDs in a column of mostly 8-digit IDs', () => {
    const ids = [
      ...Array.from({ length: 97 }, (_, i) => eightDigit(i)),
      '12345',
      '123456',
      '1234567',
    ]
    expect(findMixedLengths(tally(ids), ids.length)).toEqual({
      typicalLength: 8,
      numericCount: 100,
      shortCount: 3,
      shortestLength: 5,
      typicalWithLeadingZero: 0,
    })
  })

  it('counts typical-length IDs that start with 0 as evidence', () => {
    const ids = [...Array.from({ length: 30 }, (_, i) => `0${1_000_000 + i}`), '1234567']
    expect(findMixedLengths(tally(ids), ids.length)?.typicalWithLeadingZero).toBe(30)
  })

  it('stays quiet when every ID has the same length', () => {
    const ids = Array.from({ length: 50 }, (_, i) => eightDigit(i))
    expect(findMixedLengths(tally(ids), ids.length)).toBeNull()
  })

  it('stays quiet when lengths vary widely (no usual length) or there are too few IDs', () => {
    const varied = Array.from({ length: 100 }, (_, i) => String(10 ** (4 + (i % 4)) + i))
    expect(findMixedLengths(tally(varied), varied.length)).toBeNull()
    const few = [...Array.from({ length: 10 }, (_, i) => eightDigit(i)), '123']
    expect(findMixedLengths(tally(few), few.length)).toBeNull()
  })

  it('stays quiet when most IDs are not numeric', () => {
    const ids = Array.from({ length: 30 }, (_, i) => eightDigit(i))
    expect(findMixedLengths(tally([...ids, '123']), 200)).toBeNull()
  })
})
