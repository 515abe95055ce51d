import { describe, expect, it } from 'vitest'
import { replaceSegmentInputSchema } from './replace-segment'

const valid = { title: 'VIPs', tag: 'Vips2026', sourceType: 0, notes: '', userIdCount: 3 }

function messagesFor(input: Record<string, unknown>): string[] {
  const result = replaceSegmentInputSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('replaceSegmentInputSchema', () => {
  it('sends the title, tag and notes without the spaces around them', () => {
    const parsed = replaceSegmentInputSchema.parse({
      ...valid,
      title: '  VIPs  ',
      tag: ' Vips2026 ',
      notes: ' from the box office ',
    })
    expect(parsed).toEqual({
      title: 'VIPs',
      tag: 'Vips2026',
      sourceType: 0,
      notes: 'from the box office',
      userIdCount: 3,
    })
  })

  it('asks for a title and a tag when only spaces were typed', () => {
    expect(messagesFor({ ...valid, title: '   ', tag: '  ' })).toEqual([
      'Give the segment a title.',
      'Give the segment a tag: it is the key FanPass stores the segment under.',
      'A tag may contain only letters and digits: no spaces, dashes or underscores.',
    ])
  })

  it('counts the length after trimming, and refuses a title of 201 characters', () => {
    expect(messagesFor({ ...valid, title: ` ${'x'.repeat(200)} ` })).toEqual([])
    expect(messagesFor({ ...valid, title: 'x'.repeat(201) })).toEqual([
      'Keep the title under 200 characters.',
    ])
  })

  it('refuses a tag with a dash, a space or an underscore', () => {
    for (const tag of ['vip-2026', 'vip 2026', 'vip_2026']) {
      expect(messagesFor({ ...valid, tag })).toEqual([
        'A tag may contain only letters and digits: no spaces, dashes or underscores.',
      ])
    }
  })

  it('refuses notes over 1,000 characters and source types other than Ticketing ID', () => {
    expect(messagesFor({ ...valid, notes: 'n'.repeat(1001), sourceType: 1 })).toEqual([
      'Only Ticketing IDs (source type 0) can be uploaded today.',
      'Keep the notes under 1,000 characters.',
    ])
  })

  it('refuses an empty list of user IDs', () => {
    expect(messagesFor({ ...valid, userIdCount: 0 })).toEqual([
      'Add user IDs first: drop a CSV file or paste IDs. FanPass will not accept an empty segment.',
    ])
  })
})
