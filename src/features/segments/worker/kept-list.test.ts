import { describe, expect, it } from 'vitest'
import { keptCountWarnings, parseIdArray } from './kept-list'

describe('a kept list from the team history', () => {
  it('is a JSON array of user IDs, kept in order', () => {
    expect(parseIdArray('["0012","12","0012"]')).toEqual(['0012', '12', '0012'])
  })

  it('is refused when it is anything else', () => {
    expect(() => parseIdArray('[12]')).toThrow('The team history did not answer with a list')
    expect(() => parseIdArray('{"ids":[]}')).toThrow('The team history did not answer')
  })

  it('says so when it does not hold as many IDs as the history recorded', () => {
    expect(keptCountWarnings(1, 2)).toEqual([
      'The team history recorded 1 ID for this upload, but its kept list holds 2 IDs. Check the list before sending it.',
    ])
    expect(keptCountWarnings(2, 2)).toEqual([])
    expect(keptCountWarnings(null, 2)).toEqual([])
  })
})
