import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdList } from './id-list'
import { IdSet } from './id-set'

describe('IdList', () => {
  it('gives back every ID exactly as added, in order, digit-only or not', () => {
    const ids = ['0012', '12', '0', '00000000000000', '99999999999999', '123456789012345', 'A7', '']
    const list = IdList.from(ids)
    expect(list.length).toBe(ids.length)
    expect(list.slice()).toEqual(ids)
    expect([...list]).toEqual(ids)
    expect(list.at(0)).toBe('0012')
    expect(list.slice(1, 3)).toEqual(['12', '0'])
  })

  it('round-trips any list of IDs', () => {
    const id = fc.oneof(fc.stringMatching(/^\d{1,16}$/), fc.string({ maxLength: 12 }))
    fc.assert(
      fc.property(fc.array(id, { maxLength: 2000 }), (ids) => {
        expect(IdList.from(ids).slice()).toEqual(ids)
      }),
    )
  })

  it('copies, and checks against an IdSet, without confusing "12" and "0012"', () => {
    const list = IdList.from(['0012', 'A7', '34'])
    const set = new IdSet()
    expect(list.addTo(set, 0)).toBe(true)
    expect(list.addTo(set, 0)).toBe(false)
    expect(list.isIn(set, 0)).toBe(true)
    expect(IdList.from(['12']).isIn(set, 0)).toBe(false)
    expect(list.addTo(set, 1)).toBe(true)
    expect(list.isIn(set, 1)).toBe(true)
    const copy = new IdList()
    copy.pushFrom(list, 2)
    copy.pushFrom(list, 1)
    expect(copy.slice()).toEqual(['34', 'A7'])
  })
})
