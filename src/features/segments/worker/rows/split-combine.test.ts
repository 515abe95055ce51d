import { describe, expect, it } from 'vitest'
import { IdList } from '../../../../lib/ingest/id-list'
import { combineEachSegment } from './split-combine'

const list = (...ids: string[]) => IdList.from(ids)
const idsOf = (lists: IdList[]) => lists.map((ids) => ids.slice())

describe('combineEachSegment', () => {
  const segments = [list('1', '2', '0012'), list('3', '12')]

  it('gives the segments as they are with no other source', () => {
    expect(idsOf(combineEachSegment(segments, { lists: [list()], at: 0, mode: 'union' }))).toEqual([
      ['1', '2', '0012'],
      ['3', '12'],
    ])
  })

  it('subtracts the later sources from each segment, exactly', () => {
    const combination = { lists: [list(), list('2'), list('12')], at: 0, mode: 'subtract' as const }
    expect(idsOf(combineEachSegment(segments, combination))).toEqual([['1', '0012'], ['3']])
  })

  it('puts each segment in the split source’s place in any other combination', () => {
    const first = list('1', '3', '9')
    expect(
      idsOf(combineEachSegment(segments, { lists: [first, list()], at: 1, mode: 'subtract' })),
    ).toEqual([
      ['3', '9'],
      ['1', '9'],
    ])
    expect(
      idsOf(combineEachSegment(segments, { lists: [first, list()], at: 1, mode: 'intersection' })),
    ).toEqual([['1'], ['3']])
    expect(
      idsOf(combineEachSegment(segments, { lists: [list(), list('9')], at: 0, mode: 'union' })),
    ).toEqual([
      ['1', '2', '0012', '9'],
      ['3', '12', '9'],
    ])
  })
})
