import { describe, expect, it } from 'vitest'
import { suggestTag } from './suggest-tag'

describe('suggestTag', () => {
  it.each([
    ['Season ticket renewals', 'seasonTicketRenewals'],
    ['Season ticket renewals 2026/27', 'seasonTicketRenewals202627'],
    ['Él Niño VIPs', 'elNinoVIPs'],
    ['  merch -- buyers!! ', 'merchBuyers'],
    ['User Group 1', 'userGroup1'],
    ['VIPs', 'vips'],
    ['NFL fans', 'nflFans'],
    ['⚽️ 🎟', ''],
  ])('%s → %s', (title, tag) => {
    expect(suggestTag(title)).toBe(tag)
    expect(suggestTag(title)).toMatch(/^[A-Za-z0-9]*$/)
  })
})
