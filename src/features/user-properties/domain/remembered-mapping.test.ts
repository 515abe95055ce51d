import { describe, expect, it } from 'vitest'
import { defaultMapping } from './property-table'
import {
  mappingToRemember,
  recalledMapping,
  recalledMappingSentence,
  sameMapping,
} from './remembered-mapping'

const headers = ['Account ID', 'membership_tier', 'Favourite Team', 'seat_section']
const automatic = defaultMapping(headers, 0)
const chosen = {
  idColumn: 0,
  columns: [
    { include: false, name: 'Account ID' },
    { include: true, name: 'membership_tier' },
    { include: true, name: 'favourite_team' },
    { include: false, name: 'seat_section' },
  ],
}

describe('the remembered column mapping', () => {
  it('comes back for a file whose columns it fits, unless it is the automatic one', () => {
    expect(recalledMapping(chosen, 4, automatic)).toBe(chosen)
    expect(recalledMapping(automatic, 4, automatic)).toBeNull()
    expect(recalledMapping(chosen, 5, defaultMapping([...headers, 'extra'], 0))).toBeNull()
    expect(recalledMapping({ ...chosen, idColumn: 7 }, 4, automatic)).toBeNull()
    expect(recalledMapping(null, 4, automatic)).toBeNull()
  })

  it('is kept while it differs from the automatic one, and forgotten when it is that again', () => {
    expect(mappingToRemember(chosen, automatic)).toBe(chosen)
    expect(mappingToRemember(defaultMapping(headers, 0), automatic)).toBeNull()
    expect(sameMapping(chosen, { ...chosen, columns: [...chosen.columns] })).toBe(true)
    expect(sameMapping(chosen, { ...chosen, idColumn: 1 })).toBe(false)
  })

  it('is said in one line: the ID column, how many columns are sent, and the renamed ones', () => {
    expect(recalledMappingSentence(chosen, headers)).toBe(
      'Read as last time: user IDs from "Account ID"; 2 of 3 columns sent, "Favourite Team" as favourite_team.',
    )
  })
})
