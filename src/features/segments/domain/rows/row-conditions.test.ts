import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../../contracts/recipe'
import type { CodedColumn, CodedTable } from './coded-column'
import { filterRows, type RowFilter } from './row-conditions'

/** A table built the way the worker's table builds one: codes in first-seen order per column. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): CodedTable {
  const columns: CodedColumn[] = header.map((name, c) => {
    const values: string[] = []
    const index = new Map<string, number>()
    const codes = new Uint32Array(rows.length)
    rows.forEach((row, r) => {
      const cell = row[c] ?? ''
      let code = index.get(cell)
      if (code === undefined) {
        code = values.length
        values.push(cell)
        index.set(cell, code)
      }
      codes[r] = code
    })
    return { name, values, codes }
  })
  return { rowCount: rows.length, columns }
}

const tickets = table(
  ['Account ID', 'Plan Type', 'Seats', 'Last Purchase', 'Renewal Status'],
  [
    ['A1', 'Full Season', '2', '2026-03-25', 'Renewed'],
    ['A2', 'Half Season', '4', '2026-03-01', 'Renewed'],
    ['A3', 'Full Season', '', '', 'Lapsed'],
    ['A4', 'Flex', '1', '2026-02-10', ''],
    ['A5', 'full season ', '10', '2025-12-31', 'Renewed'],
  ],
)
const today = '2026-03-25'

function keptIds(result: RowFilter): string[] {
  if (result.kind !== 'kept') throw new Error(`expected kept rows, got ${result.kind}`)
  const ids = tickets.columns[0] as CodedColumn
  return [...result.mask.keys()]
    .filter((row) => result.mask[row] === 1)
    .map((row) => ids.values[ids.codes[row] as number] as string)
}

function keep(...conditions: RowCondition[]): string[] {
  return keptIds(filterRows(tickets, conditions, { today }))
}

const text = (op: 'contains' | 'startsWith', value: string): RowCondition => ({
  kind: 'text',
  column: 'Plan Type',
  op,
  text: value,
})
const seats = (op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', value: number): RowCondition => ({
  kind: 'number',
  column: 'Seats',
  op,
  value,
})

describe('text conditions', () => {
  it('is one of: exact values, an OR within the column', () => {
    const condition: RowCondition = {
      kind: 'text',
      column: 'Plan Type',
      op: 'isOneOf',
      values: ['Full Season', 'Flex'],
    }
    expect(keep(condition)).toEqual(['A1', 'A3', 'A4'])
  })

  it('is not one of: every other value, blanks included', () => {
    const condition: RowCondition = {
      kind: 'text',
      column: 'Renewal Status',
      op: 'isNotOneOf',
      values: ['Renewed'],
    }
    expect(keep(condition)).toEqual(['A3', 'A4'])
  })

  it('contains and starts with ignore case', () => {
    expect(keep(text('contains', 'SEASON'))).toEqual(['A1', 'A2', 'A3', 'A5'])
    expect(keep(text('startsWith', 'full'))).toEqual(['A1', 'A3', 'A5'])
    expect(keep(text('startsWith', 'Season'))).toEqual([])
  })

  it('is empty and is not empty', () => {
    expect(keep({ kind: 'text', column: 'Renewal Status', op: 'isEmpty' })).toEqual(['A4'])
    expect(keep({ kind: 'text', column: 'Seats', op: 'isNotEmpty' })).toEqual([
      'A1',
      'A2',
      'A4',
      'A5',
    ])
  })
})

describe('number conditions', () => {
  it.each([
    ['eq', 4, ['A2']],
    ['ne', 4, ['A1', 'A4', 'A5']],
    ['lt', 4, ['A1', 'A4']],
    ['le', 4, ['A1', 'A2', 'A4']],
    ['gt', 2, ['A2', 'A5']],
    ['ge', 2, ['A1', 'A2', 'A5']],
  ] as const)('%s %d keeps %j (never a blank cell)', (op, value, ids) => {
    expect(keep(seats(op, value))).toEqual(ids)
  })

  it('between includes both ends', () => {
    expect(keep({ kind: 'number', column: 'Seats', op: 'between', min: 2, max: 4 })).toEqual([
      'A1',
      'A2',
    ])
  })

  it('refuses a column that is not all numbers, naming the value', () => {
    const result = filterRows(
      tickets,
      [{ kind: 'number', column: 'Plan Type', op: 'eq', value: 1 }],
      {
        today,
      },
    )
    expect(result).toEqual({
      kind: 'not-numbers',
      column: 'Plan Type',
      sentence:
        '"Full Season" in the column "Plan Type" is not a number, so the column cannot be compared as numbers.',
    })
  })
})

describe('date conditions', () => {
  const date = (op: 'before' | 'after', day: string): RowCondition => ({
    kind: 'date',
    column: 'Last Purchase',
    op,
    date: day,
  })

  it('before and after exclude the day itself', () => {
    expect(keep(date('before', '2026-03-01'))).toEqual(['A4', 'A5'])
    expect(keep(date('after', '2026-03-01'))).toEqual(['A1'])
  })

  it('between includes both ends, in either order', () => {
    const between = (from: string, to: string): RowCondition => ({
      kind: 'date',
      column: 'Last Purchase',
      op: 'between',
      from,
      to,
    })
    expect(keep(between('2026-02-10', '2026-03-01'))).toEqual(['A2', 'A4'])
    expect(keep(between('2026-03-01', '2026-02-10'))).toEqual(['A2', 'A4'])
  })

  it('in the last N days counts today', () => {
    const lastDays = (days: number): RowCondition => ({
      kind: 'date',
      column: 'Last Purchase',
      op: 'inLastDays',
      days,
    })
    expect(keep(lastDays(1))).toEqual(['A1'])
    expect(keep(lastDays(24))).toEqual(['A1'])
    expect(keep(lastDays(25))).toEqual(['A1', 'A2'])
  })

  it('reads day/month dates in the order the data decides or the condition remembers', () => {
    const local = table(
      ['ID', 'Date'],
      [
        ['1', '04/05/2026'],
        ['2', '06/07/2026'],
      ],
    )
    const condition: RowCondition = {
      kind: 'date',
      column: 'Date',
      op: 'before',
      date: '2026-05-01',
    }
    const ambiguous = filterRows(local, [condition], { today })
    expect(ambiguous.kind).toBe('ambiguous-dates')
    const dayFirst = filterRows(local, [{ ...condition, order: 'dayFirst' }], { today })
    const monthFirst = filterRows(local, [{ ...condition, order: 'monthFirst' }], { today })
    expect(dayFirst.kind === 'kept' && dayFirst.kept).toBe(0)
    expect(monthFirst.kind === 'kept' && monthFirst.kept).toBe(1)
  })

  it('reports mixed formats and values that are not dates', () => {
    const mixed = table(
      ['ID', 'Date'],
      [
        ['1', '25/03/2026'],
        ['2', '03/26/2026'],
      ],
    )
    const condition: RowCondition = {
      kind: 'date',
      column: 'Date',
      op: 'after',
      date: '2026-01-01',
    }
    expect(filterRows(mixed, [condition], { today }).kind).toBe('mixed-dates')
    expect(filterRows(tickets, [{ ...condition, column: 'Plan Type' }], { today }).kind).toBe(
      'not-dates',
    )
  })

  it('reads Excel serials for the columns the caller names', () => {
    const sheet = table(
      ['ID', 'Date'],
      [
        ['1', '46106'],
        ['2', '46000'],
      ],
    )
    const condition: RowCondition = {
      kind: 'date',
      column: 'Date',
      op: 'after',
      date: '2026-03-01',
    }
    expect(filterRows(sheet, [condition], { today }).kind).toBe('not-dates')
    const read = filterRows(sheet, [condition], { today, excelSerialColumns: new Set(['Date']) })
    expect(read.kind === 'kept' && read.kept).toBe(1)
  })

  it('refuses a day that is not a calendar date', () => {
    expect(filterRows(tickets, [date('before', '2026-02-30')], { today })).toMatchObject({
      kind: 'invalid-condition',
      sentence: '2026-02-30 is not a calendar date.',
    })
  })
})

describe('filterRows', () => {
  it('combines conditions with AND and counts each on its own', () => {
    const result = filterRows(
      tickets,
      [
        { kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] },
        { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] },
      ],
      { today },
    )
    expect(result).toMatchObject({ kind: 'kept', kept: 1, total: 5, perCondition: [2, 3] })
    expect(keptIds(result)).toEqual(['A1'])
  })

  it('keeps every row without conditions', () => {
    expect(filterRows(tickets, [], { today })).toMatchObject({
      kind: 'kept',
      kept: 5,
      perCondition: [],
    })
  })

  it('names every column the file lacks, once', () => {
    const result = filterRows(
      tickets,
      [
        { kind: 'text', column: 'Region', op: 'isEmpty' },
        { kind: 'text', column: 'Region', op: 'isNotEmpty' },
        { kind: 'number', column: 'Games Attended', op: 'gt', value: 3 },
      ],
      { today },
    )
    expect(result).toEqual({
      kind: 'missing-columns',
      columns: ['Region', 'Games Attended'],
      sentence:
        'This file has no columns "Region" and "Games Attended", which the conditions use. Check it is the right export, or change the conditions.',
    })
  })

  it('finds a column written with other case or spaces', () => {
    expect(keep({ kind: 'text', column: 'plan type', op: 'isOneOf', values: ['Flex'] })).toEqual([
      'A4',
    ])
  })
})
