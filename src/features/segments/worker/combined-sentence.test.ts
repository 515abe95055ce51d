import { describe, expect, it } from 'vitest'
import { combinedSentence, splitCombinedSentence } from './combined-sentence'

const named = (...names: string[]) => names.map((name) => ({ summary: { name } }))

describe('combinedSentence', () => {
  it('describes the combined list as each mode builds it', () => {
    expect(combinedSentence('union', named('renewals.csv', 'app.csv'), 5, 2)).toBe(
      '5 IDs from 2 sources; 2 IDs appeared in more than one source and are sent once.',
    )
    expect(combinedSentence('intersection', named('a.csv', 'b.csv'), 1, 3)).toBe(
      '1 ID appears in every source (a.csv, b.csv).',
    )
    expect(combinedSentence('subtract', named('tickets.csv', 'optout.csv'), 8, 3)).toBe(
      '8 IDs of tickets.csv remain after removing the 3 also in optout.csv.',
    )
  })
})

describe('splitCombinedSentence', () => {
  it('says an opt-out list is taken from each segment', () => {
    expect(splitCombinedSentence('subtract', ['tickets.csv', 'optout.csv'], 0, 4)).toBe(
      'Each of the 4 segments: rows kept from tickets.csv, minus optout.csv.',
    )
    expect(
      splitCombinedSentence('subtract', ['tickets.csv', 'optout.csv', 'bounced.csv'], 0, 1),
    ).toBe('The segment: rows kept from tickets.csv, minus optout.csv and bounced.csv.')
  })

  it('says the segment is what is taken away when it splits a later source of a Subtract', () => {
    expect(
      splitCombinedSentence('subtract', ['members.csv', 'tickets.csv', 'optout.csv'], 1, 3),
    ).toBe(
      'Each of the 3 segments: the IDs of members.csv, minus those of its rows kept from tickets.csv and minus optout.csv.',
    )
  })

  it('says what Union and Intersection add to or keep of each segment', () => {
    expect(splitCombinedSentence('union', ['vips.csv', 'tickets.csv'], 1, 2)).toBe(
      'Each of the 2 segments: rows kept from tickets.csv, plus every ID of vips.csv.',
    )
    expect(splitCombinedSentence('intersection', ['tickets.csv', 'app.csv'], 0, 2)).toBe(
      'Each of the 2 segments: rows kept from tickets.csv, only the IDs also in app.csv.',
    )
    expect(splitCombinedSentence('intersection', ['tickets.csv', 'app.csv', 'web.csv'], 0, 0)).toBe(
      'Each segment: rows kept from tickets.csv, only the IDs also in each of app.csv and web.csv.',
    )
  })

  it('names only the split source when it is alone', () => {
    expect(splitCombinedSentence('union', ['tickets.csv'], 0, 30)).toBe(
      'Each of the 30 segments: rows kept from tickets.csv.',
    )
  })
})
