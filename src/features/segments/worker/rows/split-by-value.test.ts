import { describe, expect, it } from 'vitest'
import { checkSegmentBatch } from '../../domain/rows/segment-batch-check'
import { ColumnTableBuilder, type ColumnTable } from './column-table'
import { splitByValue, type SplitPlan } from './split-by-value'

function tableOf(header: string[], rows: string[][]): ColumnTable {
  const builder = new ColumnTableBuilder(header, 0)
  builder.addRows(rows, 2)
  return builder.finish()
}

const options = {
  column: 'Plan Type',
  tagPrefix: 'plan',
  titlePattern: 'Plan: {value}',
  sourceName: 'tickets.csv',
}

function split(plan: SplitPlan) {
  if (plan.kind !== 'split') throw new Error(`expected a split, got ${plan.kind}`)
  return plan
}

function summary(plan: SplitPlan) {
  return split(plan).segments.map((segment) => ({
    tag: segment.tag,
    title: segment.title,
    ids: Array.from({ length: segment.ids.length }, (_, i) => segment.ids.at(i)),
  }))
}

const tickets = tableOf(
  ['Account ID', 'Plan Type', 'Renewal Status'],
  [
    ['A1', 'Full Season', 'Renewed'],
    ['A2', 'Half Season', 'Renewed'],
    ['A3', 'Full Season', 'Lapsed'],
    ['A1', 'Full Season', 'Renewed'],
    ['A4', '', 'Renewed'],
    ['', 'Flex', 'Renewed'],
    ['A5', 'Half Season', 'Lapsed'],
    ['A6', 'Full Season', 'Renewed'],
  ],
)

describe('splitByValue', () => {
  it('makes one segment per value, most rows first, each fan once', () => {
    const plan = splitByValue(tickets, null, options)
    expect(summary(plan)).toEqual([
      { tag: 'planFullSeason', title: 'Plan: Full Season', ids: ['A1', 'A3', 'A6'] },
      { tag: 'planHalfSeason', title: 'Plan: Half Season', ids: ['A2', 'A5'] },
    ])
    expect(split(plan).noLetters).toEqual([])
  })

  it('lists values with no IDs and rows with no value, and leaves them out', () => {
    const plan = split(splitByValue(tickets, null, options))
    expect(plan.leftOut).toEqual([
      {
        value: 'Flex',
        keptRows: 1,
        sentence: '"Flex" has no IDs in its 1 kept row, so it makes no segment.',
      },
    ])
    expect(plan.blankRows).toBe(1)
    expect(plan.blankSentence).toBe('1 kept row has no Plan Type and is in no segment.')
  })

  it('splits only the rows the conditions keep', () => {
    const renewed = Uint8Array.of(1, 1, 0, 1, 1, 1, 0, 1)
    expect(summary(splitByValue(tickets, renewed, options)).map((s) => [s.tag, s.ids])).toEqual([
      ['planFullSeason', ['A1', 'A6']],
      ['planHalfSeason', ['A2']],
    ])
  })

  it('counts cleaning per segment', () => {
    const [full] = split(splitByValue(tickets, null, options)).segments
    expect(full?.keptRows).toBe(4)
    expect(full?.issues.map((issue) => [issue.kind, issue.count])).toEqual([['duplicate', 1]])
  })

  it('leaves values with no letters untagged, and the batch check reports collisions', () => {
    const table = tableOf(
      ['ID', 'Tier'],
      [
        ['1', 'Gold'],
        ['2', 'gold'],
        ['3', '🎟️'],
      ],
    )
    const plan = split(splitByValue(table, null, { ...options, column: 'Tier' }))
    expect(plan.segments.map((segment) => segment.tag)).toEqual(['planGold', 'planGold', ''])
    expect(plan.noLetters).toEqual([
      {
        value: '🎟️',
        sentence: 'The value "🎟️" has no letters or digits to make a tag from: type its tag.',
      },
    ])
    expect(checkSegmentBatch(plan.segments).map((problem) => problem.sentence)).toEqual([
      '"Gold" and "gold" both make the tag planGold: edit one of them.',
      'The tag of "🎟️": Give the segment a tag: it is the key FanPass stores the segment under.',
    ])
  })

  it('gives the sentence, not the segments, for a column with 5,000 values', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [`F${i}`, `Section ${i}`])
    const plan = splitByValue(tableOf(['ID', 'Section'], rows), null, {
      ...options,
      column: 'Section',
    })
    expect(plan).toEqual({
      kind: 'too-many-segments',
      count: 5_000,
      sentence:
        '"Section" makes 5,000 segments: one confirmation sends at most 100. Add conditions to keep fewer values, or split by a column with fewer values.',
    })
  })

  it('names a split column the file lacks', () => {
    expect(splitByValue(tickets, null, { ...options, column: 'Section' })).toEqual({
      kind: 'missing-column',
      sentence: 'This file has no column "Section" to make one segment per value of.',
    })
  })
})
