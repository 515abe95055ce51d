import { describe, expect, it } from 'vitest'
import { checkPropertyKey, checkPropertyValue, type KeyIgnoreReason } from './property-rules'

const registered = new Set([
  'tier',
  'favourite_team',
  'Season_Ticket',
  'user_id',
  'ga_score',
  'a23456789012345678901234',
  'a234567890123456789012345',
  'first name',
])

describe('checkPropertyKey', () => {
  it.each<[string, KeyIgnoreReason | 'ok']>([
    ['tier', 'ok'],
    ['favourite_team', 'ok'],
    ['Season_Ticket', 'ok'],
    ['a23456789012345678901234', 'ok'], // exactly 24
    ['', 'empty'],
    ['   ', 'empty'],
    ['user_id', 'reserved'],
    ['USER_ID', 'reserved'],
    ['first_open_time', 'reserved'],
    ['first_visit_time', 'reserved'],
    ['last_deep_link_referrer', 'reserved'],
    ['First_Open_After_Install', 'reserved'],
    ['ga_score', 'reserved-prefix'],
    ['GA_score', 'reserved-prefix'],
    ['google_id', 'reserved-prefix'],
    ['Firebase_x', 'reserved-prefix'],
    ['a234567890123456789012345', 'too-long'], // 25
    ['first name', 'bad-format'],
    [' tier', 'bad-format'],
    ['1st_game', 'bad-format'],
    ['_tier', 'bad-format'],
    ['tier-level', 'bad-format'],
    ['équipe', 'bad-format'],
    ['favourite_colour', 'not-registered'],
    ['Tier', 'not-registered'],
    ['gauge', 'not-registered'], // starts with "ga" but not "ga_"
  ])('%j → %s', (key, expected) => {
    const verdict = checkPropertyKey(key, registered)
    expect(verdict.status === 'ok' ? 'ok' : verdict.reason).toBe(expected)
  })

  it.each([
    ['user_id', 'user_id is reserved by GA4, so FanPass will ignore it.'],
    ['ga_score', 'ga_score starts with ga_, which GA4 reserves; FanPass will ignore it.'],
    ['GOOGLE_x', 'GOOGLE_x starts with google_, which GA4 reserves; FanPass will ignore it.'],
    [
      'favourite_colour',
      'favourite_colour is not in your registered attributes, so FanPass will ignore it unless it is registered in the FanReach Portal (Settings lists what you have registered).',
    ],
    [
      'tIER',
      'tIER is not in your registered attributes (tier is registered; names are case-sensitive), so FanPass will ignore it unless it is registered in the FanReach Portal (Settings lists what you have registered).',
    ],
    [
      'first name',
      '“first name” is not a valid property name, so FanPass will ignore it. Names must start with a letter and use only letters, digits and underscores.',
    ],
    [
      'a234567890123456789012345',
      'a234567890123456789012345 is 25 characters long; FanPass ignores names longer than 24 characters.',
    ],
  ])('tells the marketer why %j is ignored', (key, sentence) => {
    expect(checkPropertyKey(key, registered)).toMatchObject({ status: 'ignored', sentence })
  })

  it('names the empty header in its sentence', () => {
    const verdict = checkPropertyKey('', registered)
    expect(verdict.status === 'ignored' && verdict.sentence).toMatch(/no name in the header row/)
  })
})

describe('checkPropertyValue', () => {
  const a36 = 'a'.repeat(36)
  it.each<[string, string, string | null, number | null]>([
    ['short', 'Gold', null, null],
    ['exactly 36', a36, null, null],
    ['37 ASCII', `${a36}b`, a36, 37],
    ['36 emoji are 72 code units but fit', '⚽'.repeat(18) + '🏆'.repeat(18), null, null],
    ['emoji at the cut is kept whole', `${'a'.repeat(35)}🏆🏆`, `${'a'.repeat(35)}🏆`, 37],
    ['RTL text', 'ن'.repeat(40), 'ن'.repeat(36), 40],
  ])('%s', (_label, value, stored, length) => {
    const verdict = checkPropertyValue(value)
    if (stored === null) {
      expect(verdict).toEqual({ status: 'ok' })
    } else {
      expect(verdict).toMatchObject({ status: 'truncated', stored, length })
    }
  })

  it('never leaves half a surrogate pair in the stored value', () => {
    const verdict = checkPropertyValue('🏆'.repeat(50))
    expect(verdict.status).toBe('truncated')
    if (verdict.status !== 'truncated') return
    expect(verdict.stored).toBe('🏆'.repeat(36))
    expect(verdict.stored).toHaveLength(72) // 36 pairs of UTF-16 code units
  })

  it('shows the marketer exactly what will be stored', () => {
    const verdict = checkPropertyValue('Season ticket holder since 2019, block 114')
    expect(verdict).toMatchObject({
      status: 'truncated',
      sentence:
        'This value is 42 characters long; FanPass keeps only the first 36 and will store “Season ticket holder since 2019, blo”.',
    })
  })
})
