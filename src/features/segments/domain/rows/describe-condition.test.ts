import { describe, expect, it } from 'vitest'
import { describeCondition, shownValue } from './describe-condition'

describe('describeCondition', () => {
  it('names picked values as text, showing surrounding spaces and blanks', () => {
    expect(
      describeCondition({
        kind: 'text',
        column: 'Plan Type',
        op: 'isOneOf',
        values: ['Full Season', 'Full Season ', ''],
      }),
    ).toBe('Plan Type is one of Full Season, “Full Season ” or (empty)')
    expect(shownValue('=cmd')).toBe('=cmd')
  })

  it('writes number and date conditions with their symbols and days', () => {
    expect(describeCondition({ kind: 'number', column: 'Seats', op: 'ge', value: 2 })).toBe(
      'Seats ≥ 2',
    )
    expect(
      describeCondition({ kind: 'number', column: 'Seats', op: 'between', min: 2, max: 4 }),
    ).toBe('Seats is between 2 and 4')
    expect(
      describeCondition({ kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 30 }),
    ).toBe('Last Purchase is in the last 30 days')
    expect(
      describeCondition({
        kind: 'date',
        column: 'Last Purchase',
        op: 'before',
        date: '2026-04-03',
        order: 'monthFirst',
      }),
    ).toBe('Last Purchase is before 2026-04-03 (dates read month first)')
  })
})
