import { describe, expect, it } from 'vitest'
import { chooseIdColumn, findIdColumn, normalizeHeaderName } from './choose-id-column'

describe('choosing the ID column by its header', () => {
  it('matches names whatever the case and punctuation', () => {
    for (const header of ['Account ID', 'account_id', 'AccountId', 'ACCOUNT-ID', 'account ids']) {
      expect(normalizeHeaderName(header)).toBe('accountid')
      expect(chooseIdColumn(['Email', header, 'Name'])).toBe(1)
    }
  })

  it('knows the usual ID headers', () => {
    for (const header of [
      'id',
      'User ID',
      'userid',
      'Ticketing ID',
      'Ticket ID',
      'Acct ID',
      'Customer ID',
      'Member ID',
      'Fan ID',
    ]) {
      expect(findIdColumn(['Name', header])).toBe(1)
    }
  })

  it('prefers a specific ID over a bare "ID" column', () => {
    expect(chooseIdColumn(['ID', 'Email', 'Ticketing ID'])).toBe(2)
  })

  it('falls back to the first column', () => {
    expect(findIdColumn(['Name', 'Email'])).toBeNull()
    expect(chooseIdColumn(['Name', 'Email'])).toBe(0)
  })
})
