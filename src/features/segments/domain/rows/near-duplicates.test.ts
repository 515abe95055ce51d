import { describe, expect, it } from 'vitest'
import type { ValueCount } from './column-profile'
import { findNearDuplicates, nearDuplicatesOfPick } from './near-duplicates'

const values: ValueCount[] = [
  { code: 0, value: 'Gold', rows: 40 },
  { code: 1, value: 'Silver', rows: 9 },
  { code: 2, value: 'gold', rows: 2 },
  { code: 3, value: 'Gold ', rows: 2 },
  { code: 4, value: ' ', rows: 3 },
  { code: 5, value: '', rows: 1 },
]

describe('findNearDuplicates', () => {
  it('groups values equal but for case and surrounding spaces, most rows first', () => {
    const groups = findNearDuplicates(values)
    expect(groups).toHaveLength(1)
    expect(groups[0]?.likely).toBe('Gold')
    expect(groups[0]?.members.map((member) => member.value)).toEqual(['Gold', 'gold', 'Gold '])
  })

  it('does not group inner spaces or blanks', () => {
    const other: ValueCount[] = [
      { code: 0, value: 'Full Season', rows: 1 },
      { code: 1, value: 'FullSeason', rows: 1 },
    ]
    expect(findNearDuplicates(other)).toEqual([])
  })
})

describe('nearDuplicatesOfPick', () => {
  it('asks about the look-alikes of a picked value', () => {
    expect(nearDuplicatesOfPick(values, ['Gold'])).toEqual([
      { add: ['gold', 'Gold '], sentence: "'gold' and 'Gold ' look like 'Gold': include them?" },
    ])
  })

  it('asks in the singular, and not at all once every look-alike is picked', () => {
    expect(nearDuplicatesOfPick(values, ['Gold', 'gold'])).toEqual([
      { add: ['Gold '], sentence: "'Gold ' looks like 'Gold': include it?" },
    ])
    expect(nearDuplicatesOfPick(values, ['Gold', 'gold', 'Gold '])).toEqual([])
    expect(nearDuplicatesOfPick(values, ['Silver'])).toEqual([])
  })
})
