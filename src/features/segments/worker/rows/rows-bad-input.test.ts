// The values a hostile or broken export holds are data: matched exactly, listed as text, never
// object keys or formulas.
import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../../contracts/recipe'
import { profileColumn, searchValues } from '../../domain/rows/column-profile'
import { nearDuplicatesOfPick } from '../../domain/rows/near-duplicates'
import { filterRows } from '../../domain/rows/row-conditions'
import { checkSegmentBatch } from '../../domain/rows/segment-batch-check'
import { ColumnTableBuilder } from './column-table'
import { keptIds } from './kept-ids'
import { splitByValue } from './split-by-value'

const FORMULA = "=cmd|' /C calc'!A0"
const hostile = ['__proto__', 'constructor', FORMULA, '🎟️ VIP', 'toString', 'hasOwnProperty']

function tableOf(cells: readonly string[]) {
  const builder = new ColumnTableBuilder(['Account ID', 'Tier'], 0)
  builder.addRows(
    cells.map((cell, i) => [`F${i}`, cell]),
    2,
  )
  return builder.finish()
}

const idsOf = (list: { length: number; at: (i: number) => string }) =>
  Array.from({ length: list.length }, (_, i) => list.at(i))

describe('hostile values', () => {
  const table = tableOf([...hostile, 'Gold', 'gold', 'Gold ', ' Gold', '__proto__'])
  const tier = table.columns[1]
  const today = '2026-03-25'

  it('keeps them as distinct plain values with their counts', () => {
    if (tier === undefined) throw new Error('no Tier column')
    expect(tier.values).toEqual([...hostile, 'Gold', 'gold', 'Gold ', ' Gold'])
    const profile = profileColumn(tier, table.rowCount)
    expect(profile.values[0]).toEqual({ code: 0, value: '__proto__', rows: 2 })
    expect(searchValues(tier, profile, 'PROTO').matches.map((m) => m.value)).toEqual(['__proto__'])
    expect(searchValues(tier, profile, '!a0').matches.map((m) => m.value)).toEqual([FORMULA])
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  })

  it.each(hostile)('matches %j exactly with "is one of"', (value) => {
    const condition: RowCondition = { kind: 'text', column: 'Tier', op: 'isOneOf', values: [value] }
    const result = filterRows(table, [condition], { today })
    const expected = value === '__proto__' ? 2 : 1
    expect(result.kind === 'kept' && result.kept).toBe(expected)
  })

  it('does not match a value differing only in case or spaces, and points it out', () => {
    const condition: RowCondition = {
      kind: 'text',
      column: 'Tier',
      op: 'isOneOf',
      values: ['Gold'],
    }
    const result = filterRows(table, [condition], { today })
    expect(result.kind === 'kept' && result.kept).toBe(1)
    if (tier === undefined) throw new Error('no Tier column')
    expect(nearDuplicatesOfPick(profileColumn(tier, table.rowCount).values, ['Gold'])).toEqual([
      {
        add: ['gold', 'Gold ', ' Gold'],
        sentence: "'gold', 'Gold ' and ' Gold' look like 'Gold': include them?",
      },
    ])
  })

  it('splits on them by value, tags made of their letters only', () => {
    const plan = splitByValue(tableOf(hostile), null, {
      column: 'Tier',
      tagPrefix: 'tier',
      titlePattern: '{value}',
      sourceName: 'export.csv',
    })
    if (plan.kind !== 'split') throw new Error(plan.kind)
    expect(plan.segments.map((s) => [s.tag, s.title])).toEqual([
      ['tierProto', '__proto__'],
      ['tierConstructor', 'constructor'],
      ['tierCmdCCalcA0', FORMULA],
      ['tierVIP', '🎟️ VIP'],
      ['tierToString', 'toString'],
      ['tierHasOwnProperty', 'hasOwnProperty'],
    ])
    expect(plan.noLetters).toEqual([])
    expect(checkSegmentBatch(plan.segments)).toEqual([])
  })

  it('reads IDs named like object properties as IDs', () => {
    const builder = new ColumnTableBuilder(['Account ID'], 0)
    builder.addRows([['__proto__'], ['constructor'], ['__proto__']], 2)
    expect(idsOf(keptIds(builder.finish(), null, 'a.csv').ids)).toEqual([
      '__proto__',
      'constructor',
    ])
  })
})

describe('a column of a million distinct values', () => {
  // A million rows take seconds on a loaded CI machine; the bench owns the timing.
  it(
    'keeps codes, says it is too many to list, and filters and splits by sentence',
    { timeout: 120_000 },
    () => {
      const rows = 1_000_000
      const builder = new ColumnTableBuilder(['Account ID', 'Email'], 0, rows)
      const batch: string[][] = []
      for (let i = 0; i < rows; i++) {
        batch.push([String(100_000 + i), `fan${i}@club.example`])
        if (batch.length === 50_000) {
          builder.addRows(batch, i - batch.length + 3)
          batch.length = 0
        }
      }
      const table = builder.finish()
      const email = table.columns[1]
      if (email === undefined) throw new Error('no Email column')
      expect(email.values).toHaveLength(rows)
      expect(profileColumn(email, rows).tooManyToList).toBe(true)
      const result = filterRows(
        table,
        [{ kind: 'text', column: 'Email', op: 'startsWith', text: 'FAN99999' }],
        { today: '2026-03-25' },
      )
      expect(result.kind === 'kept' && result.kept).toBe(11)
      const plan = splitByValue(table, null, {
        column: 'Email',
        tagPrefix: '',
        titlePattern: '{value}',
        sourceName: 'crm.csv',
      })
      expect(plan.kind).toBe('too-many-segments')
    },
  )
})

describe('a date column with mixed formats', () => {
  it('gives a sentence instead of rows', () => {
    const builder = new ColumnTableBuilder(['Account ID', 'Last Purchase'], 0)
    builder.addRows(
      [
        ['1', '2026-03-25'],
        ['2', '25/03/2026'],
        ['3', '03/26/2026'],
      ],
      2,
    )
    const result = filterRows(
      builder.finish(),
      [{ kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 30 }],
      { today: '2026-03-25' },
    )
    expect(result).toEqual({
      kind: 'mixed-dates',
      column: 'Last Purchase',
      sentence:
        'The column "Last Purchase" mixes day-first dates (like 25/03/2026) and month-first dates (like 03/26/2026), so its dates cannot be read reliably. Export it again with one date format.',
    })
  })
})
