import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../contracts/recipe'
import { buildXlsx, type TestCell } from '../../../lib/testing/xlsx-builder'
import { replaceSegmentInputSchema } from '../api/replace-segment'
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

  it('lists and matches a sheet’s hostile values exactly, as text', async () => {
    const FORMULA = "=cmd|' /C calc'!A0"
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'Fans',
          rows: [
            ['Account ID', 'Tier'],
            ['F1', '__proto__'],
            ['F2', FORMULA],
            ['F3', '🎟️ VIP'],
            ['F4', '__proto__'],
            ['F5', 'constructor'],
          ],
        },
      ],
    })
    const workspace = new SegmentWorkspace()
    await workspace.addFile('h', new File([bytes], 'hostile.xlsx'))
    expect(workspace.columnProfiles('h')?.columns[1]?.values).toEqual([
      { value: '__proto__', rows: 2 },
      { value: FORMULA, rows: 1 },
      { value: '🎟️ VIP', rows: 1 },
      { value: 'constructor', rows: 1 },
    ])
    const pick = (values: string[]) =>
      workspace.setConditions('h', [{ kind: 'text', column: 'Tier', op: 'isOneOf', values }])
    expect(pick(['__proto__']).state.sentence).toBe('2 of 5 rows kept → 2 IDs')
    expect(workspace.getPage(0, 10).ids).toEqual(['F1', 'F4'])
    pick([FORMULA, '🎟️ VIP'])
    expect(workspace.getPage(0, 10).ids).toEqual(['F2', 'F3'])
  })

  it('leaves an empty list when the conditions keep no row, and the form sends nothing', async () => {
    const workspace = await workspaceWithWorkbook()
    const { state, combined } = workspace.setConditions('w', [
      { kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Mini Plan'] },
    ])
    expect(state.sentence).toBe('0 of 5 rows kept → 0 IDs')
    expect(state.blocking).toBeNull()
    expect(combined.total).toBe(0)
    const form = replaceSegmentInputSchema.safeParse({
      tag: 'miniPlan',
      title: 'Mini Plan',
      notes: '',
      sourceType: 0,
      userIdCount: combined.total,
    })
    expect(form.error?.issues.map((issue) => issue.message)).toEqual([
      'Add user IDs first: drop a CSV file or paste IDs. FanPass will not accept an empty segment.',
    ])
  })
})
