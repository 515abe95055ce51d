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
  it('counts added, removed and unchanged IDs', () => {
    expect(diffIdLists(IdList.from(['1', '2', '3', '0012']), ['2', '3', '4', '12'])).toEqual({
      added: 2,
      removed: 2,
      unchanged: 2,
    })
  })
})
