import { describe, expect, it } from 'vitest'
import {
  checkSegmentBatch,
  MAX_SEGMENTS_PER_SEND,
  tagFromValue,
  titleFromPattern,
  tooManySegments,
  valueInLettersAndDigits,
  type PlannedSegment,
} from './segment-tags'

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

describe('checkSegmentBatch', () => {
  const segment = (value: string, tag: string, title = value): PlannedSegment => ({
    value,
    tag,
    title,
  })

  it('accepts a batch of valid, distinct tags', () => {
    expect(
      checkSegmentBatch([segment('Gold', 'planGold'), segment('Silver', 'planSilver')]),
    ).toEqual([])
  })

  it('reports two values making the same tag, naming both', () => {
    expect(checkSegmentBatch([segment('Gold', 'planGold'), segment('gold', 'planGold')])).toEqual([
      {
        kind: 'tag-collision',
        values: ['Gold', 'gold'],
        tag: 'planGold',
        sentence: '"Gold" and "gold" both make the tag planGold: edit one of them.',
      },
    ])
  })

  it('treats tags differing only in case as colliding', () => {
    const [problem] = checkSegmentBatch([segment('GOLD', 'planGOLD'), segment('Gold', 'planGold')])
    expect(problem?.sentence).toBe(
      '"GOLD" and "Gold" both make the tag planGold (as planGOLD): edit one of them.',
    )
  })

  it('checks each tag and title with the segment form’s rules', () => {
    const problems = checkSegmentBatch([
      segment('Gold', 'plan Gold'),
      segment('Silver', 'planSilver', ' '),
    ])
    expect(problems.map((problem) => problem.kind)).toEqual(['invalid-tag', 'invalid-title'])
    expect(problems[0]?.sentence).toBe(
      'The tag of "Gold": A tag may contain only letters and digits: no spaces, dashes or underscores.',
    )
    expect(problems[1]?.sentence).toBe('The title of "Silver": Give the segment a title.')
    expect(checkSegmentBatch([segment('Gold', 'planGold', 'x'.repeat(201))])[0]?.kind).toBe(
      'invalid-title',
    )
  })

  it('refuses more segments than one send takes', () => {
    const many = Array.from({ length: MAX_SEGMENTS_PER_SEND + 1 }, (_, i) =>
      segment(`v${i}`, `t${i}`),
    )
    expect(checkSegmentBatch(many)).toEqual([tooManySegments(MAX_SEGMENTS_PER_SEND + 1)])
    expect(checkSegmentBatch(many.slice(1))).toEqual([])
  })

  it('says how many segments a split makes', () => {
    expect(tooManySegments(5_000, 'Section').sentence).toBe(
      '"Section" makes 5,000 segments: one confirmation sends at most 100. Add conditions to keep fewer values, or split by a column with fewer values.',
    )
  })
})
