import { describe, expect, it } from 'vitest'
import { analyseTable, cellValue, defaultMapping, type TableData } from './property-table'

const registered = new Set(['membership_tier', 'favourite_team', 'seat_section'])
const LONG = 'Platinum Plus Season Ticket Holder 2025/26'

function table(columns: string[], rows: string[][]): TableData {
  return { columns, rows }
}

describe('defaultMapping', () => {
  it('includes every column but the ID column, under its header', () => {
    expect(defaultMapping(['Account ID', ' membership_tier '], 0)).toEqual({
      idColumn: 0,
      columns: [
        { include: false, name: 'Account ID' },
        { include: true, name: 'membership_tier' },
      ],
    })
  })
})

describe('cellValue', () => {
  it('trims, and treats a blank cell as "leave as it is"', () => {
    expect(cellValue('  Gold ')).toBe('Gold')
    expect(cellValue('   ')).toBe('')
    expect(cellValue(undefined)).toBe('')
  })
})

describe('analyseTable', () => {
  it('builds one row per user with only the non-empty cells of sent columns', () => {
    const data = table(
      ['user_id', 'membership_tier', 'favourite_team'],
      [
        ['1001', 'Gold', 'Reds'],
        ['1002', '', 'Blues'],
        ['1003', 'Silver', ''],
      ],
    )
    const analysis = analyseTable(data, defaultMapping(data.columns, 0), registered)

    expect(analysis.problems).toEqual([])
    expect(analysis.rows).toEqual([
      { userId: '1001', properties: { membership_tier: 'Gold', favourite_team: 'Reds' } },
      { userId: '1002', properties: { favourite_team: 'Blues' } },
      { userId: '1003', properties: { membership_tier: 'Silver' } },
    ])
    expect(analysis.columns.map((c) => [c.header, c.sent, c.values])).toEqual([
      ['user_id', false, 0],
      ['membership_tier', true, 2],
      ['favourite_team', true, 2],
    ])
  })

  it('leaves out excluded and ignored columns, and counts the ignored ones', () => {
    const data = table(
      ['id', 'membership_tier', 'first_open_time', 'shoe_size', 'notes'],
      [['1', 'Gold', '2024-01-01', '44', 'call back']],
    )
    const mapping = defaultMapping(data.columns, 0)
    mapping.columns[4] = { include: false, name: 'notes' }

    const analysis = analyseTable(data, mapping, registered)

    expect(analysis.rows).toEqual([{ userId: '1', properties: { membership_tier: 'Gold' } }])
    expect(analysis.ignoredColumns).toBe(2)
    expect(analysis.columns[2]?.advice).toMatchObject({ status: 'ignored', reason: 'reserved' })
    expect(analysis.columns[3]?.advice).toMatchObject({
      status: 'ignored',
      reason: 'not-registered',
    })
    expect(analysis.columns[4]).toMatchObject({ include: false, advice: null, sent: false })
  })

  it('sends a column renamed to a registered property under its new name', () => {
    const data = table(['Account ID', 'Favourite Team'], [['77', 'Reds']])
    const mapping = defaultMapping(data.columns, 0)
    mapping.columns[1] = { include: true, name: 'favourite_team' }

    const analysis = analyseTable(data, mapping, registered)

    expect(analysis.rows).toEqual([{ userId: '77', properties: { favourite_team: 'Reds' } }])
  })

  it('sends keys it cannot check when the registered list is empty', () => {
    const data = table(['id', 'shoe_size', 'user_id'], [['1', '44', 'x']])
    const analysis = analyseTable(data, defaultMapping(data.columns, 0), new Set())

    expect(analysis.rows).toEqual([{ userId: '1', properties: { shoe_size: '44' } }])
    expect(analysis.columns[1]?.advice?.status).toBe('unverified')
    expect(analysis.columns[2]?.advice?.status).toBe('ignored')
  })

  it('counts values FanPass will truncate, per column and in total', () => {
    const data = table(
      ['id', 'membership_tier', 'shoe_size'],
      [
        ['1', LONG, LONG],
        ['2', 'Gold', ''],
      ],
    )
    const analysis = analyseTable(data, defaultMapping(data.columns, 0), registered)

    expect(analysis.columns[1]?.truncated).toBe(1)
    expect(analysis.columns[2]?.truncated).toBe(1)
    // Only values that are sent count in the total: the ignored column's are never sent.
    expect(analysis.truncatedCells).toBe(1)
    expect(analysis.rows[0]?.properties.membership_tier).toBe(LONG)
  })

  it('cleans IDs as segment uploads do and skips rows whose ID cannot be used', () => {
    const data = table(
      ['id', 'membership_tier'],
      [
        [' 0012 ', 'Gold'],
        ['345.0', 'Gold'],
        ['1.23457E+11', 'Gold'],
        ['', 'Silver'],
        ['', ''],
        ['999', ''],
      ],
    )
    const analysis = analyseTable(data, defaultMapping(data.columns, 0), registered)

    expect(analysis.rows.map((row) => row.userId)).toEqual(['0012', '345'])
    expect(analysis.idsCorrected).toBe(2)
    expect(analysis.rowsWithoutValues).toBe(1)
    expect(analysis.skippedRows).toBe(2)
    expect(analysis.skippedExamples).toEqual([
      {
        row: 4,
        sentence:
          'Row 4: the user ID “1.23457E+11” is in scientific notation (Excel turned it into a number and lost digits). Format the column as Text in Excel and export again.',
      },
      { row: 5, sentence: 'Row 5 has values but no user ID.' },
    ])
    expect(analysis.rowsRead).toBe(6)
    expect(analysis.rowsUsed).toBe(2)
  })

  it('counts the sent values whose surrounding spaces were trimmed, and only those', () => {
    const data = table(
      ['id', 'membership_tier', 'favourite_team'],
      [
        ['1', ' Gold', 'Reds '],
        ['2', '\u00A0Silver\t', 'Blues'],
        ['3', 'Bronze', '   '],
        ['', ' Gold ', ''],
        ['4', 'Gold', 'two\r\nlines'],
      ],
    )
    const mapping = defaultMapping(data.columns, 0)
    mapping.columns[2] = { include: false, name: 'favourite_team' }
    const analysis = analyseTable(data, mapping, registered)

    expect(analysis.rows.map((row) => row.properties.membership_tier)).toEqual([
      'Gold',
      'Silver',
      'Bronze',
      'Gold',
    ])
    // " Gold" and "\u00A0Silver\t": the excluded column, the blank cell and the row without an ID
    // send nothing, so nothing of theirs is counted.
    expect(analysis.trimmedValues).toBe(2)
    mapping.columns[2] = { include: true, name: 'favourite_team' }
    const withTeam = analyseTable(data, mapping, new Set([...registered, 'favourite_team']))
    expect(withTeam.trimmedValues).toBe(3)
    expect(withTeam.rows[3]?.properties.favourite_team).toBe('two\r\nlines')
  })

  it('refuses two columns sent under the same name, and a table with nothing to send', () => {
    const data = table(['id', 'Tier A', 'Tier B'], [['1', 'Gold', 'Silver']])
    const mapping = defaultMapping(data.columns, 0)
    mapping.columns[1] = { include: true, name: 'membership_tier' }
    mapping.columns[2] = { include: true, name: 'membership_tier' }

    expect(analyseTable(data, mapping, registered).problems).toEqual([
      'Columns “Tier A” and “Tier B” are both sent as membership_tier. Rename or exclude one of them.',
    ])

    const nothing = analyseTable(data, defaultMapping(data.columns, 0), registered)
    expect(nothing.problems).toEqual([
      'No column will be sent: include at least one column whose name FanPass accepts.',
    ])
  })

  it('uses any column for IDs and ignores that column as a property', () => {
    const data = table(['membership_tier', 'Customer'], [['Gold', 'C-1']])
    const analysis = analyseTable(data, defaultMapping(data.columns, 1), registered)

    expect(analysis.rows).toEqual([{ userId: 'C-1', properties: { membership_tier: 'Gold' } }])
  })
})
