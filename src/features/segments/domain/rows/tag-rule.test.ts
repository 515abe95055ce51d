import { describe, expect, it } from 'vitest'
import {
  tagFromValue,
  titleFromPattern,
  tooManySegments,
  valueInLettersAndDigits,
} from './tag-rule'

describe('valueInLettersAndDigits', () => {
  it.each([
    ['Full Season', 'FullSeason'],
    ['half-season 2026', 'HalfSeason2026'],
    ['Él Niño', 'ElNino'],
    ['Straße Œuvre', 'StrasseOEuvre'],
    ['⭐ Gold ⭐', 'Gold'],
    ['2026/27 renewals', '202627Renewals'],
    ['VIP box', 'VIPBox'],
    ['Москва', ''],
    ['🎟️', ''],
    ['   ', ''],
  ])('%j → %j', (value, words) => {
    expect(valueInLettersAndDigits(value)).toBe(words)
  })
})

describe('tagFromValue', () => {
  it('puts the prefix as typed before the value', () => {
    expect(tagFromValue('plan', 'Full Season')).toEqual({ kind: 'tag', tag: 'planFullSeason' })
    expect(tagFromValue('VIP', 'gold')).toEqual({ kind: 'tag', tag: 'VIPGold' })
    expect(tagFromValue('plan', '2026')).toEqual({ kind: 'tag', tag: 'plan2026' })
  })

  it('starts lower-case without a prefix', () => {
    expect(tagFromValue('', 'Full Season')).toEqual({ kind: 'tag', tag: 'fullSeason' })
    expect(tagFromValue('', '2026 Renewals')).toEqual({ kind: 'tag', tag: '2026Renewals' })
  })

  it('asks for a tag when the value has no letters or digits', () => {
    expect(tagFromValue('plan', '🎟️')).toEqual({
      kind: 'no-letters',
      sentence: 'The value "🎟️" has no letters or digits to make a tag from: type its tag.',
    })
  })
})

describe('titleFromPattern', () => {
  it('puts the trimmed value wherever the placeholder is', () => {
    expect(titleFromPattern('Plan: {value}', ' Full Season ')).toBe('Plan: Full Season')
    expect(titleFromPattern('{value} / {value}', 'A')).toBe('A / A')
    expect(titleFromPattern('Renewals', 'A')).toBe('Renewals')
  })
})

describe('tooManySegments', () => {
  it('says how many segments a split makes', () => {
    expect(tooManySegments(5_000, 'Section').sentence).toBe(
      '"Section" makes 5,000 segments: one confirmation sends at most 100. Add conditions to keep fewer values, or split by a column with fewer values.',
    )
  })
})
