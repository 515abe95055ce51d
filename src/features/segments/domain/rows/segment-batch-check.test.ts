import { describe, expect, it } from 'vitest'
import { checkSegmentBatch } from './segment-batch-check'
import { MAX_SEGMENTS_PER_SEND, tooManySegments, type PlannedSegment } from './tag-rule'

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
})
