import { describe, expect, it } from 'vitest'
import type { CodedColumn } from './coded-column'
import {
  detectColumnKind,
  LISTABLE_VALUES,
  profileColumn,
  searchValues,
  SEARCH_RESULTS,
} from './column-profile'

/** A column built the way the worker's table builds one: codes in first-seen order. */
function column(name: string, cells: readonly string[]): CodedColumn {
  const values: string[] = []
  const index = new Map<string, number>()
  const codes = new Uint32Array(cells.length)
  cells.forEach((cell, row) => {
    let code = index.get(cell)
    if (code === undefined) {
      code = values.length
      values.push(cell)
      index.set(cell, code)
    }
    codes[row] = code
  })
  return { name, values, codes }
}

describe('detectColumnKind', () => {
  it('is number when every non-blank cell is a plain decimal', () => {
    const kind = detectColumnKind(column('Seats', ['3', ' 4 ', '', '0012']))
    expect(kind.kind).toBe('number')
    expect(kind.kind === 'number' && [...kind.numbers]).toEqual([3, 4, Number.NaN, 12])
  })

  it('is text with one non-number, a thousands separator or an exponent', () => {
    expect(detectColumnKind(column('Seats', ['3', 'n/a'])).kind).toBe('text')
    expect(detectColumnKind(column('Price', ['1,234', '12'])).kind).toBe('text')
    expect(detectColumnKind(column('Ref', ['1e5', '12'])).kind).toBe('text')
    expect(detectColumnKind(column('Notes', ['', ' '])).kind).toBe('text')
  })

  it('is date for dates, telling when the order is unknown', () => {
    expect(detectColumnKind(column('Last Purchase', ['2026-03-25', ''])).kind).toBe('date')
    const ambiguous = detectColumnKind(column('Last Purchase', ['04/05/2026']))
    expect(ambiguous.kind === 'date' && ambiguous.dates.kind).toBe('ambiguous')
  })

  it('reads numbers as Excel dates only when the cells were Excel dates', () => {
    const serials = column('Last Purchase', ['46106', '46107'])
    expect(detectColumnKind(serials).kind).toBe('number')
    expect(detectColumnKind(serials, { excelSerials: true }).kind).toBe('date')
  })
})

describe('profileColumn', () => {
  const plan = column('Plan Type', ['Half', 'Full', 'Full', 'Flex', 'Full', 'Half'])

  it('lists distinct values most frequent first, first seen first among equals', () => {
    const profile = profileColumn(plan, 6)
    expect(profile.values.map(({ value, rows }) => [value, rows])).toEqual([
      ['Full', 3],
      ['Half', 2],
      ['Flex', 1],
    ])
    expect(profile.tooManyToList).toBe(false)
    expect(profile.distinctValues).toBe(3)
  })

  it('counts over the kept rows when given a mask', () => {
    const profile = profileColumn(plan, 6, Uint8Array.of(1, 0, 0, 1, 1, 1))
    expect(profile.values.map(({ value, rows }) => [value, rows])).toEqual([
      ['Half', 2],
      ['Full', 1],
      ['Flex', 1],
    ])
  })

  it('says a column has too many values to list, and still searches it', () => {
    const cells = Array.from({ length: LISTABLE_VALUES + 1 }, (_, i) => `fan${i}@club.example`)
    const emails = column('Email', cells)
    const profile = profileColumn(emails, cells.length)
    expect(profile.tooManyToList).toBe(true)
    expect(profile.values).toEqual([])
    expect(searchValues(emails, profile, 'FAN49999@').matches.map((m) => m.value)).toEqual([
      'fan49999@club.example',
    ])
    const many = searchValues(emails, profile, 'club')
    expect(many.matches).toHaveLength(SEARCH_RESULTS)
    expect(many.more).toBe(true)
  })
})

describe('searchValues', () => {
  it('finds substrings ignoring case, most frequent first', () => {
    const plan = column('Plan Type', ['Half Season', 'Full Season', 'Full Season', 'Flex'])
    const { matches, more } = searchValues(plan, profileColumn(plan, 4), 'SEASON')
    expect(matches.map(({ value, rows }) => [value, rows])).toEqual([
      ['Full Season', 2],
      ['Half Season', 1],
    ])
    expect(more).toBe(false)
  })
})
