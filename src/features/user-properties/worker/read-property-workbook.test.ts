import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseTable, defaultMapping } from '../domain/property-table'
import { readPropertyWorkbook } from './read-property-workbook'

const FIXTURES = join(import.meta.dirname, '../../../../e2e/fixtures/workbooks')
const fixture = (name: string) => new Blob([readFileSync(join(FIXTURES, name))])

describe('readPropertyWorkbook', () => {
  it('gives numbers as Excel shows them, dates as YYYY-MM-DD and booleans as true/false', async () => {
    const table = await readPropertyWorkbook(fixture('member-properties.xlsx'), 'zip', {
      name: 'members.xlsx',
    })
    expect(table.columns).toEqual([
      'Account ID',
      'loyalty_points',
      'member_since',
      'season_ticket_holder',
      'membership_tier',
    ])
    expect(table.rows).toEqual([
      ['0000001', '1500', '2019-08-10', 'true', 'Gold'],
      ['0000002', '2.5', '2021-01-31', 'false', 'Silver'],
      ['0000003', '0.3', '2024-02-29', 'true', 'Bronze'],
    ])
    expect(table.warnings).toEqual([
      'Dates in “member_since” are sent as YYYY-MM-DD (like 2019-08-10).',
    ])
    expect(table.suggestedIdColumn).toBe(0)
  })

  it('skips rows whose chosen ID cell cannot be an ID, with the row as Excel numbers it', async () => {
    const table = await readPropertyWorkbook(fixture('cell-rules.xlsx'), 'zip', {
      name: 'rules.xlsx',
      sheet: 2,
    })
    expect(table.rows[2]).toEqual(['0003', '0.3', '2024-02-29', '', '000042'])
    expect(table.warnings).toContain(
      '1 cell holds an Excel error (like #N/A); it is read as empty, so those properties are left as they are.',
    )
    const byDate = analyseTable(
      table,
      defaultMapping(table.columns, 2),
      new Set(['membership_tier']),
    )
    expect(byDate.skippedExamples[0]).toEqual({
      row: 2,
      sentence: 'Row 2: the user ID cell holds a date (2019-08-10), not a user ID.',
    })
    expect(byDate.rowsUsed).toBe(0)
  })
})
