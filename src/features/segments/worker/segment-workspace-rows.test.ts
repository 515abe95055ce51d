import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../contracts/recipe'
import { SegmentWorkspace } from './segment-workspace'

function csvFile(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' })
}

const tickets = [
  'Account ID,Plan Type,Renewal Status,Seats,Last Purchase',
  'A1,Full Season,Renewed,2,2026-11-30',
  'A2,Full Season,Lapsed,4,2026-10-02',
  'A3,Half Season,Renewed,1,2026-12-01',
  'A1,Full Season,Renewed,3,2026-12-02',
  'A4,Full Season ,Renewed,2,2026-09-15',
  'A5,Flex,Renewed,6,2026-12-05',
].join('\n')

const fullSeason: RowCondition = {
  kind: 'text',
  column: 'Plan Type',
  op: 'isOneOf',
  values: ['Full Season'],
}
const renewed: RowCondition = {
  kind: 'text',
  column: 'Renewal Status',
  op: 'isOneOf',
  values: ['Renewed'],
}

async function workspaceWithTickets(): Promise<SegmentWorkspace> {
  const workspace = new SegmentWorkspace({ today: () => '2026-12-06' })
  await workspace.addFile('t', csvFile('tickets.csv', tickets))
  return workspace
}

const pageIds = (workspace: SegmentWorkspace) => workspace.getPage(0, 100).ids

describe('SegmentWorkspace: keep rows where…', () => {
  it('profiles each column of a file with a header row', async () => {
    const workspace = await workspaceWithTickets()
    const view = workspace.columnProfiles('t')
    expect(view?.columns.map((column) => [column.name, column.kind])).toEqual([
      ['Account ID', 'text'],
      ['Plan Type', 'text'],
      ['Renewal Status', 'text'],
      ['Seats', 'number'],
      ['Last Purchase', 'date'],
    ])
    expect(view?.columns[1]?.values).toEqual([
      { value: 'Full Season', rows: 3 },
      { value: 'Half Season', rows: 1 },
      { value: 'Full Season ', rows: 1 },
      { value: 'Flex', rows: 1 },
    ])
    expect(view?.state.sentence).toBe('6 of 6 rows kept → 5 IDs')
    expect(workspace.searchColumnValues('t', 'Plan Type', 'season').matches).toHaveLength(3)
  })

  it('keeps no rows for a one-column list', async () => {
    const workspace = new SegmentWorkspace()
    await workspace.addFile('l', csvFile('list.csv', 'user_id\n1\n2\n'))
    expect(workspace.columnProfiles('l')).toBeNull()
  })

  it('makes the source’s list the kept rows’ unique IDs, with counts per condition', async () => {
    const workspace = await workspaceWithTickets()
    const { state, combined } = workspace.setConditions('t', [fullSeason, renewed])
    expect(state.perCondition).toEqual([3, 5])
    expect(state.sentence).toBe('2 of 6 rows kept → 1 ID')
    expect(state.severalRows).toBe('A fan with several kept rows is in once: 1 fewer ID than rows.')
    expect(state.nearDuplicates).toEqual([
      {
        condition: 0,
        add: ['Full Season '],
        sentence: "'Full Season ' looks like 'Full Season': include it?",
      },
    ])
    expect(combined.total).toBe(1)
    expect(pageIds(workspace)).toEqual(['A1'])

    workspace.setConditions('t', [
      { ...fullSeason, values: ['Full Season', 'Full Season '] },
      renewed,
    ])
    expect(pageIds(workspace)).toEqual(['A1', 'A4'])

    const cleared = workspace.setConditions('t', [])
    expect(cleared.combined.total).toBe(5)
  })

  it('applies number and date conditions', async () => {
    const workspace = await workspaceWithTickets()
    workspace.setConditions('t', [
      { kind: 'number', column: 'Seats', op: 'ge', value: 2 },
      { kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 7 },
    ])
    expect(pageIds(workspace)).toEqual(['A1', 'A5'])
  })

  it('still subtracts another source from the filtered one', async () => {
    const workspace = await workspaceWithTickets()
    workspace.setConditions('t', [renewed])
    await workspace.addText('o', 'Opt-outs', 'A3')
    const { combined } = workspace.combine('subtract')
    expect(combined.total).toBe(3)
    expect(pageIds(workspace)).toEqual(['A1', 'A4', 'A5'])
  })

  it('keeps the conditions when the source is read again from another ID column', async () => {
    const workspace = await workspaceWithTickets()
    workspace.setConditions('t', [renewed])
    await workspace.chooseIdColumn('t', 3)
    expect(pageIds(workspace)).toEqual(['2', '1', '3', '6'])
  })

  it('empties the source and blocks the upload when a condition names a missing column', async () => {
    const workspace = await workspaceWithTickets()
    const { state, combined } = workspace.setConditions('t', [
      { kind: 'text', column: 'Region', op: 'isNotEmpty' },
    ])
    expect(state.blocking).toBe(
      'This file has no column "Region", which the conditions use. Check it is the right export, or change the conditions.',
    )
    expect(state.sentence).toMatch(/^No rows kept: This file has no column "Region"/)
    expect(combined.total).toBe(0)
    expect(combined.blocking).toMatch(/^tickets\.csv: This file has no column "Region"/)
    expect(() =>
      workspace.prepareUpload({ title: 'T', tag: 'T', sourceType: 0, notes: '' }),
    ).toThrow(/no column "Region"/)
    expect(workspace.setConditions('t', []).combined.blocking).toBeUndefined()
  })

  it('blocks on dates whose day/month order the data cannot decide', async () => {
    const workspace = new SegmentWorkspace({ today: () => '2026-12-06' })
    await workspace.addFile(
      'd',
      csvFile('d.csv', 'Account ID,Last Purchase\nA1,03/04/2026\nA2,05/06/2026\n'),
    )
    const { state } = workspace.setConditions('d', [
      { kind: 'date', column: 'Last Purchase', op: 'after', date: '2026-01-01' },
    ])
    expect(state.blocking).toMatch(/Last Purchase/)
    expect(workspace.current().combined.total).toBe(0)
  })
})
