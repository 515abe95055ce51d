import { describe, expect, it } from 'vitest'
import { IdList } from '../../../lib/ingest/id-list'
import { diffIdLists, findMatches, MAX_PAGE_SIZE, pageOf, pageOfMatches } from './id-list-view'

const ids = IdList.from(['0012', '1200', '99', 'A12', '5'])

describe('paging and search', () => {
  it('returns one page, clamped to the list', () => {
    expect(pageOf(ids, 1, 2)).toEqual({ offset: 1, total: 5, ids: ['1200', '99'] })
    expect(pageOf(ids, 4, 10)).toEqual({ offset: 4, total: 5, ids: ['5'] })
    expect(pageOf(ids, 9, 10)).toEqual({ offset: 5, total: 5, ids: [] })
    expect(pageOf(ids, -3, 1).ids).toEqual(['0012'])
  })

  it('never returns more than the largest page', () => {
    const many = IdList.from(Array.from({ length: MAX_PAGE_SIZE + 5 }, (_, i) => String(i)))
    expect(pageOf(many, 0, 1e9).ids).toHaveLength(MAX_PAGE_SIZE)
  })

  it('finds IDs by exact substring and pages through the matches', () => {
    const matches = findMatches(ids, '12')
    expect(matches).toEqual([0, 1, 3])
    expect(pageOfMatches(ids, matches, 1, 5)).toEqual(['1200', 'A12'])
    expect(findMatches(ids, 'a12')).toEqual([])
  })
})

describe('diffIdLists', () => {
  const kept = (json: string) => new TextEncoder().encode(json)

  it('counts added, removed and unchanged IDs, leading zeros apart', () => {
    expect(
      diffIdLists(IdList.from(['1', '2', '3', '0012', 'A7']), kept('["2","3","4","12","A7"]')),
    ).toEqual({ added: 2, removed: 2, unchanged: 3, previousSize: 5 })
  })

  it('counts each ID once, while the kept list’s size counts every item', () => {
    expect(diffIdLists(IdList.from(['1', '2']), kept('["1","1","9","9"]'))).toEqual({
      added: 1,
      removed: 1,
      unchanged: 1,
      previousSize: 4,
    })
  })

  it('matches an ID written with escapes to the same ID in the new list', () => {
    expect(diffIdLists(IdList.from(['12', 'é']), kept('["\\u0031\\u0032","\\u00e9"]'))).toEqual({
      added: 0,
      removed: 0,
      unchanged: 2,
      previousSize: 2,
    })
  })

  it('refuses an answer that is not a list of user IDs', () => {
    expect(() => diffIdLists(IdList.from(['1']), kept('[1]'))).toThrow(
      'The team history did not answer with a list of user IDs.',
    )
  })
})
