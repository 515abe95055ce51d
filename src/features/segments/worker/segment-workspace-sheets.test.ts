import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../contracts/recipe'
import { buildXlsx, type TestCell } from '../../../lib/testing/xlsx-builder'
import { SegmentWorkspace } from './segment-workspace'

// Style 1 is Excel's built-in date format 14 (m/d/yyyy); style 2 pads to six digits.
const DATE = 1
const PAD6 = 2
const day = (serial: number): TestCell => ({ n: String(serial), s: DATE })

/** 46085 is 2026-03-04, 46106 is 2026-03-25, 46300 is 2026-10-05. */
const tickets: TestCell[][] = [
  ['Account ID', 'Plan Type', 'Seats', 'Last Purchase'],
  [{ n: '123', s: PAD6 }, 'Full Season', { n: '2' }, day(46106)],
  ['A2', 'Full Season', { n: '4' }, day(46085)],
  ['A3', 'Half Season', { n: '1' }, day(46300)],
  // A date typed into the ID column: no ID, counted as a date cell.
  [day(46106), 'Full Season', { n: '3' }, day(46300)],
  // A serial whose cell lost its date format, in a column of date cells: still a date.
  ['A5', 'Full Season', { n: '6' }, { n: '46300' }],
]

function workbookFile(): File {
  const bytes = buildXlsx({
    sheets: [
      { name: 'Tickets', rows: tickets },
      {
        name: 'Renewals',
        rows: [
          ['Account ID', 'Status'],
          ['R1', 'Renewed'],
          ['R2', 'Lapsed'],
        ],
      },
      { name: 'IDs', rows: [['Account ID'], ['Z1']] },
    ],
    numFmts: { 164: '000000' },
    cellXfs: [14, 164],
  })
  return new File([bytes], 'tickets.xlsx')
}

const fullSeason: RowCondition = {
  kind: 'text',
  column: 'Plan Type',
  op: 'isOneOf',
  values: ['Full Season'],
}

async function workspaceWithWorkbook(): Promise<SegmentWorkspace> {
  const workspace = new SegmentWorkspace({ today: () => '2026-12-06' })
  await workspace.addFile('w', workbookFile())
  return workspace
}

describe('SegmentWorkspace: keep rows where… on a workbook sheet', () => {
  it('profiles a sheet with a header row as a CSV, its Excel date cells as dates', async () => {
    const workspace = await workspaceWithWorkbook()
    const view = workspace.columnProfiles('w')
    expect(view?.columns.map((column) => [column.name, column.kind])).toEqual([
      ['Account ID', 'text'],
      ['Plan Type', 'text'],
      ['Seats', 'number'],
      ['Last Purchase', 'date'],
    ])
    expect(view?.columns[3]?.values.map(({ value }) => value)).toEqual([
      '2026-10-05',
      '2026-03-25',
      '2026-03-04',
      '46300',
    ])
    expect(view?.columns[3]?.dates).toEqual({ kind: 'decided', order: null, sentence: null })
    expect(view?.state.sentence).toBe('5 of 5 rows kept → 4 IDs')
  })

  it('keeps the rows every condition keeps, and counts the ID cells of the kept rows only', async () => {
    const workspace = await workspaceWithWorkbook()
    const { state } = workspace.setConditions('w', [
      fullSeason,
      { kind: 'date', column: 'Last Purchase', op: 'after', date: '2026-03-10' },
    ])
    expect(state.perCondition).toEqual([4, 4])
    expect(state.sentence).toBe('3 of 5 rows kept → 2 IDs')
    expect(workspace.getPage(0, 10).ids).toEqual(['000123', 'A5'])
    expect(state.issues?.map(({ kind, count }) => [kind, count])).toEqual(
      expect.arrayContaining([
        ['zeroPadded', 1],
        ['dateCell', 1],
      ]),
    )

    const seats = workspace.setConditions('w', [
      { kind: 'number', column: 'Seats', op: 'ge', value: 3 },
    ])
    expect(seats.state.sentence).toBe('3 of 5 rows kept → 2 IDs')
    expect(workspace.getPage(0, 10).ids).toEqual(['A2', 'A5'])
    expect(seats.state.issues?.map(({ kind }) => kind)).toEqual(['dateCell'])
  })

  it('clears the conditions, saying so, when another sheet is read', async () => {
    const workspace = await workspaceWithWorkbook()
    workspace.setConditions('w', [fullSeason])
    expect(workspace.current().combined.total).toBe(3)

    const { source, combined } = await workspace.chooseSheet('w', 1)
    expect(source.warnings).toContain(
      'Sheet “Renewals” is read now, so the condition set on sheet “Tickets” was cleared.',
    )
    expect(combined.total).toBe(2)
    const view = workspace.columnProfiles('w')
    expect(view?.state.conditions).toEqual([])
    expect(view?.columns.map((column) => column.name)).toEqual(['Account ID', 'Status'])

    workspace.setConditions('w', [
      { kind: 'text', column: 'Status', op: 'isOneOf', values: ['Renewed'] },
    ])
    expect(workspace.getPage(0, 10).ids).toEqual(['R1'])
    // Another ID column of the same sheet keeps them.
    const again = await workspace.chooseIdColumn('w', 1)
    expect(again.source.warnings.some((warning) => warning.includes('cleared'))).toBe(false)
    expect(workspace.columnProfiles('w')?.state.conditions).toHaveLength(1)
  })

  it('has no rows to filter on a sheet of one column', async () => {
    const workspace = await workspaceWithWorkbook()
    await workspace.chooseSheet('w', 2)
    expect(workspace.columnProfiles('w')).toBeNull()
  })
})
