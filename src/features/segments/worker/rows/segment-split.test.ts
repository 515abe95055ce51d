import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../../contracts/recipe'
import { IngestError } from '../../../../lib/ingest/ingest-error'
import { keptListBytes } from '../../testing/kept-list-bytes'
import { SegmentWorkspace } from '../segment-workspace'
import type { SplitSettings } from '../types'
import type { SplitTableView } from './segment-split'

function csvFile(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' })
}

const tickets = [
  'Account ID,Plan Type,Renewal Status',
  'A1,Full Season,Renewed',
  'A2,Half Season,Renewed',
  'A3,Full Season,Lapsed',
  'A1,Full Season,Renewed',
  'A4,,Renewed',
  ',Flex,Renewed',
  'A5,Half Season,Lapsed',
  'A6,Full Season,Renewed',
  'A7,Mini Plan,Renewed',
].join('\n')

const byPlan: SplitSettings = {
  sourceId: 't',
  column: 'Plan Type',
  tagPrefix: 'plan',
  titlePattern: 'Plan: {value}',
}

async function workspaceWith(text = tickets): Promise<SegmentWorkspace> {
  const workspace = new SegmentWorkspace({ today: () => '2026-12-06' })
  await workspace.addFile('t', csvFile('tickets.csv', text))
  return workspace
}

function table(view: SplitTableView | null) {
  if (view === null) throw new Error('no split')
  return view.rows.map((row) => [row.value, row.tag, row.title, row.idCount, row.ticked])
}

async function bodiesOf(workspace: SegmentWorkspace, notes = '') {
  const { segments } = workspace.prepareBatch({ sourceType: 0, notes })
  return Promise.all(
    segments.map(async ({ tag, idCount, body }) => ({ tag, idCount, body: await body.text() })),
  )
}

describe('SegmentWorkspace: one segment per value', () => {
  it('makes a segment per value of the kept rows, most rows first, and lists what it leaves out', async () => {
    const workspace = await workspaceWith()
    const view = workspace.setSplit(byPlan)
    expect(table(view)).toEqual([
      ['Full Season', 'planFullSeason', 'Plan: Full Season', 3, true],
      ['Half Season', 'planHalfSeason', 'Plan: Half Season', 2, true],
      ['Mini Plan', 'planMiniPlan', 'Plan: Mini Plan', 1, true],
    ])
    expect(view?.leftOut).toEqual([
      { value: 'Flex', sentence: '"Flex" has no IDs in its 1 kept row, so it makes no segment.' },
    ])
    expect(view?.blankSentence).toBe('1 kept row has no Plan Type and is in no segment.')
    expect(view?.ticked).toBe(3)
    expect(view?.tickedIds).toBe(6)
    expect(view?.blocking).toBeNull()
  })

  it('applies the conditions before the split', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    const renewed: RowCondition = {
      kind: 'text',
      column: 'Renewal Status',
      op: 'isOneOf',
      values: ['Renewed'],
    }
    workspace.setConditions('t', [renewed])
    expect(table(workspace.splitTable())).toEqual([
      ['Full Season', 'planFullSeason', 'Plan: Full Season', 2, true],
      ['Half Season', 'planHalfSeason', 'Plan: Half Season', 1, true],
      ['Mini Plan', 'planMiniPlan', 'Plan: Mini Plan', 1, true],
    ])
  })

  it('subtracts an opt-out list from every segment, leaving out one it empties', async () => {
    const workspace = await workspaceWith()
    await workspace.addText('o', 'opt-outs', 'A1\nA7\nA5')
    workspace.combine('subtract')
    const view = workspace.setSplit(byPlan)
    expect(table(view)).toEqual([
      ['Full Season', 'planFullSeason', 'Plan: Full Season', 2, true],
      ['Half Season', 'planHalfSeason', 'Plan: Half Season', 1, true],
    ])
    expect(view?.leftOut.map((out) => out.sentence)).toEqual([
      '"Flex" has no IDs in its 1 kept row, so it makes no segment.',
      '"Mini Plan" has no IDs left once the other sources are applied to its 1 ID, so it makes no segment.',
    ])
    expect(await bodiesOf(workspace)).toEqual([
      {
        tag: 'planFullSeason',
        idCount: 2,
        body: '{"title":"Plan: Full Season","tag":"planFullSeason","sourceType":0,"userIds":["A3","A6"]}',
      },
      {
        tag: 'planHalfSeason',
        idCount: 1,
        body: '{"title":"Plan: Half Season","tag":"planHalfSeason","sourceType":0,"userIds":["A2"]}',
      },
    ])
  })

  it('keeps only the IDs also in the other sources under intersection', async () => {
    const workspace = await workspaceWith()
    await workspace.addText('v', 'vips', 'A6\nA2')
    workspace.combine('intersection')
    expect(table(workspace.setSplit(byPlan)).map((row) => [row[1], row[3]])).toEqual([
      ['planFullSeason', 1],
      ['planHalfSeason', 1],
    ])
  })

  it('sends the edited tags and titles of the ticked values only, in table order, trimmed', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    workspace.editSplitSegment('Half Season', { tag: ' halves ', title: 'Half-season fans' })
    const view = workspace.editSplitSegment('Mini Plan', { ticked: false })
    expect(view?.ticked).toBe(2)
    expect(view?.tickedIds).toBe(5)
    const bodies = await bodiesOf(workspace, 'Monday export')
    expect(bodies.map(({ tag, idCount }) => [tag, idCount])).toEqual([
      ['planFullSeason', 3],
      ['halves', 2],
    ])
    expect(bodies[1]?.body).toBe(
      '{"title":"Half-season fans","tag":"halves","sourceType":0,"userIds":["A2","A5"],"notes":"Monday export"}',
    )
  })

  it('keeps edits when the sources change, and follows the prefix for tags not typed', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    workspace.editSplitSegment('Half Season', { tag: 'halves' })
    workspace.setConditions('t', [])
    const view = workspace.setSplit({ ...byPlan, tagPrefix: 'tier', titlePattern: '{value} fans' })
    expect(table(view).map((row) => [row[1], row[2]])).toEqual([
      ['tierFullSeason', 'Full Season fans'],
      ['halves', 'Half Season fans'],
      ['tierMiniPlan', 'Mini Plan fans'],
    ])
    expect(
      table(workspace.setSplit({ ...byPlan, column: 'Renewal Status' })).map((r) => r[1]),
    ).toEqual(['planRenewed', 'planLapsed'])
  })

  it('says which values make the same tag after the rule, and sends nothing until one is edited', async () => {
    const workspace = await workspaceWith(
      ['ID,Tier', '1,Gold', '2,gold', '3,Silver', '4,Gold'].join('\n'),
    )
    const view = workspace.setSplit({ ...byPlan, column: 'Tier' })
    const sentence = '"Gold" and "gold" both make the tag planGold: edit one of them.'
    expect(view?.blocking).toBe(sentence)
    expect(view?.rows.map((row) => row.tagProblem)).toEqual([sentence, sentence, null])
    expect(() => workspace.prepareBatch({ sourceType: 0, notes: '' })).toThrow(sentence)
    const fixed = workspace.editSplitSegment('gold', { tag: 'planGoldLower' })
    expect(fixed?.blocking).toBeNull()
    expect((await bodiesOf(workspace)).map((body) => body.tag)).toEqual([
      'planGold',
      'planGoldLower',
      'planSilver',
    ])
  })

  it('checks a typed tag and title as the form does, and an unticked value not at all', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    workspace.editSplitSegment('Full Season', { tag: 'plan-full' })
    const view = workspace.editSplitSegment('Half Season', { title: '  ' })
    expect(view?.rows[0]?.tagProblem).toBe(
      'The tag of "Full Season": A tag may contain only letters and digits: no spaces, dashes or underscores.',
    )
    expect(view?.rows[1]?.titleProblem).toBe(
      'The title of "Half Season": Give the segment a title.',
    )
    expect(view?.problems).toHaveLength(2)
    workspace.editSplitSegment('Full Season', { ticked: false })
    expect(workspace.editSplitSegment('Half Season', { ticked: false })?.blocking).toBeNull()
    expect(workspace.tickAllSplitSegments(false)?.blocking).toBe(
      'Tick at least one value to upload its segment.',
    )
    expect(workspace.tickAllSplitSegments(true)?.ticked).toBe(3)
  })

  it('asks for the tag of a value with no letters or digits', async () => {
    const workspace = await workspaceWith(['ID,Tier', '1,🎟️', '2,⭐', '3,Gold'].join('\n'))
    const view = workspace.setSplit({ ...byPlan, column: 'Tier' })
    expect(view?.rows.map((row) => [row.value, row.tag, row.tagProblem])).toEqual([
      ['🎟️', '', 'The value "🎟️" has no letters or digits to make a tag from: type its tag.'],
      ['⭐', '', 'The value "⭐" has no letters or digits to make a tag from: type its tag.'],
      ['Gold', 'planGold', null],
    ])
    expect(view?.problems).toHaveLength(2)
    workspace.editSplitSegment('🎟️', { tag: 'planTicket' })
    expect(workspace.editSplitSegment('⭐', { tag: 'planStar' })?.blocking).toBeNull()
  })

  it('matches hostile values exactly and keeps them as text', async () => {
    const formula = "=cmd|' /C calc'!A0"
    const workspace = await workspaceWith(
      ['ID,Tier', `1,"${formula}"`, '2,__proto__', '3,🎟️ VIP', '4,__proto__'].join('\n'),
    )
    workspace.setSplit({ ...byPlan, column: 'Tier', titlePattern: '{value}' })
    workspace.editSplitSegment('__proto__', { title: 'Proto' })
    const view = workspace.editSplitSegment(formula, { ticked: false })
    expect(table(view)).toEqual([
      ['__proto__', 'planProto', 'Proto', 2, true],
      [formula, 'planCmdCCalcA0', formula, 1, false],
      ['🎟️ VIP', 'planVIP', '🎟️ VIP', 1, true],
    ])
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
    expect(() => workspace.editSplitSegment('__PROTO__', { ticked: false })).toThrow(
      '"__PROTO__" is no longer a value of this split.',
    )
  })

  it('lists a column of 5,000 values page by page with the limit sentence, and sends nothing', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `F${i},Section ${i % 5_000}`)
    rows.push('F5000,Section 7')
    const workspace = await workspaceWith(['ID,Section', ...rows].join('\n'))
    const sentence =
      '"Section" makes 5,000 segments: one confirmation sends at most 100. Add conditions to keep fewer values, or split by a column with fewer values.'
    const first = workspace.setSplit({ ...byPlan, column: 'Section' })
    expect(first?.problem).toBe(sentence)
    expect(first?.blocking).toBe(sentence)
    expect(first?.tooMany?.total).toBe(5_000)
    expect(first?.tooMany?.values.slice(0, 2)).toEqual([
      { value: 'Section 7', keptRows: 2 },
      { value: 'Section 0', keptRows: 1 },
    ])
    expect(first?.tooMany?.values).toHaveLength(50)
    const last = workspace.splitTable(4_990, 50)
    expect(last?.tooMany?.values.map((value) => value.value)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Section ${4_990 + i}`),
    )
    expect(() => workspace.prepareBatch({ sourceType: 0, notes: '' })).toThrow(sentence)
  })

  it('names a split column the file lacks, and a split of a list without rows', async () => {
    const workspace = await workspaceWith()
    expect(workspace.setSplit({ ...byPlan, column: 'Section' })?.problem).toBe(
      'This file has no column "Section" to make one segment per value of.',
    )
    await workspace.addText('p', 'Pasted IDs', '1\n2')
    expect(workspace.setSplit({ ...byPlan, sourceId: 'p' })?.problem).toBe(
      'Only a file with a header row and several columns can make one segment per value.',
    )
  })

  it('stops the split while a condition cannot apply', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    workspace.setConditions('t', [
      { kind: 'text', column: 'Section', op: 'isOneOf', values: ['101'] },
    ])
    const view = workspace.splitTable()
    expect(view?.rows).toEqual([])
    expect(view?.blocking).toMatch(/^tickets\.csv: .*Section/)
  })

  it('refuses settings it cannot use', async () => {
    const workspace = await workspaceWith()
    expect(() => workspace.setSplit({ ...byPlan, tagPrefix: 'plan-' })).toThrow(
      new IngestError('invalid-request', 'A tag prefix may contain only letters and digits.'),
    )
    expect(() => workspace.setSplit({ ...byPlan, sourceId: 'gone' })).toThrow(
      'That source is no longer in the list',
    )
  })

  it('ends the split with its source', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    workspace.removeSource('t')
    expect(workspace.splitTable()).toBeNull()
  })

  it('compares a segment with the team’s last list of its tag', async () => {
    const workspace = await workspaceWith()
    workspace.setSplit(byPlan)
    expect(
      workspace.diffSegmentAgainst('planHalfSeason', keptListBytes('["A2","A9","A8"]')),
    ).toEqual({
      added: 1,
      removed: 2,
      unchanged: 1,
      previousSize: 3,
    })
    workspace.editSplitSegment('Half Season', { tag: 'halves' })
    expect(workspace.diffSegmentAgainst('halves', keptListBytes('[]')).added).toBe(2)
    expect(() => workspace.diffSegmentAgainst('planHalfSeason', keptListBytes('[]'))).toThrow(
      'No segment of this split has the tag planHalfSeason.',
    )
  })

  it('gives a newer version with every change, and a new list version when the lists change', async () => {
    const workspace = await workspaceWith()
    const first = workspace.setSplit(byPlan)
    const edited = workspace.editSplitSegment('Mini Plan', { ticked: false })
    expect(edited?.version).toBeGreaterThan(first?.version ?? Infinity)
    expect(edited?.listVersion).toBe(first?.listVersion)
    workspace.setConditions('t', [])
    expect(workspace.splitTable()?.listVersion).toBeGreaterThan(first?.listVersion ?? Infinity)
  })
})
