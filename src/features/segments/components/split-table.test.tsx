// @vitest-environment jsdom
// The split table over a real SegmentWorkspace, with the team history answered by a stubbed fetch.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { SegmentWorkspace } from '../worker/segment-workspace'
import type { SplitSettings } from '../worker/types'
import { SplitSettingsSection } from './split-settings-section'
import { SplitTable, type SplitTableActions } from './split-table'

const FORMULA = "=cmd|' /C calc'!A0"

// The workspace fingerprints the file with Node's crypto, which takes Node's Blob bytes only.
beforeAll(() => {
  stubBrowserApis()
  vi.stubGlobal('Blob', NodeBlob)
  // The team uploaded planFullSeason before (A1, A9); every other tag is new.
  vi.stubGlobal('fetch', async (input: string | URL) => {
    const path = new URL(String(input), 'http://console.test').pathname
    const json = (value: unknown) =>
      new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } })
    if (path === '/console/history/tags/planFullSeason/latest') {
      return json({ record: aTeamRecord({ tag: 'planFullSeason', userIdCount: 2 }) })
    }
    if (path.endsWith('/latest')) return json({ record: null })
    if (path.endsWith('/ids')) return new Response('["A1","A9"]')
    return new Response('not found', { status: 404 })
  })
})
afterAll(() => vi.unstubAllGlobals())

const tickets = [
  'Account ID,Plan Type,Seats',
  'A1,Full Season,2',
  'A2,Half Season,1',
  'A3,Full Season,4',
  `A4,"${FORMULA}",1`,
  'A5,__proto__,1',
  'A6,🎟️,1',
  ',Flex,3',
].join('\n')

/** The card's settings and the table, wired straight to a workspace as IdSources wires them. */
function Split({ workspace }: { workspace: SegmentWorkspace }) {
  const [split, setSplit] = useState(workspace.splitTable())
  const actions: SplitTableActions = {
    editSplitSegment: (value, change) => setSplit(workspace.editSplitSegment(value, change)),
    tickAllSplitSegments: (ticked) => setSplit(workspace.tickAllSplitSegments(ticked)),
    showSplitPage: (offset) => setSplit(workspace.splitTable(offset)),
    diffSegmentAgainst: async (tag, kept) => workspace.diffSegmentAgainst(tag, kept),
  }
  const onChange = (settings: SplitSettings | null) => setSplit(workspace.setSplit(settings))
  return (
    <>
      <SplitSettingsSection
        sourceId="t"
        sourceName="tickets.csv"
        columns={['Account ID', 'Plan Type', 'Seats']}
        settings={split?.settings ?? null}
        onChange={onChange}
      />
      {split && <SplitTable split={split} refusal={null} actions={actions} />}
    </>
  )
}

async function renderSplit() {
  const workspace = new SegmentWorkspace()
  await workspace.addFile(
    't',
    new NodeFile([tickets], 'tickets.csv', { type: 'text/csv' }) as unknown as File,
  )
  renderWithProviders(<Split workspace={workspace} />)
  const user = userEvent.setup()
  const settings = screen.getByRole('region', { name: 'One segment per value of…' })
  await user.selectOptions(within(settings).getByLabelText('One segment per value of'), 'Plan Type')
  const table = await screen.findByRole('table', { name: 'Segments per value of Plan Type' })
  return { workspace, user, settings, table }
}

const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]?.textContent)

describe('One segment per value', () => {
  it('lists each value as text with its tag, title and IDs, and the values left out', async () => {
    const { table } = await renderSplit()
    expect(cellsOf(table)).toEqual(['Full Season', 'Half Season', FORMULA, '__proto__', '🎟️'])
    expect(within(table).getByLabelText('Tag of Full Season')).toHaveProperty(
      'value',
      'planFullSeason',
    )
    expect(within(table).getByLabelText(`Tag of ${FORMULA}`)).toHaveProperty(
      'value',
      'planCmdCCalcA0',
    )
    expect(within(table).getByLabelText('Title of __proto__')).toHaveProperty(
      'value',
      'Plan Type: __proto__',
    )
    expect(screen.getByText('5 of 5 values ticked: 5 segments with 6 IDs.')).toBeTruthy()
    expect(
      screen.getByText('"Flex" has no IDs in its 1 kept row, so it makes no segment.'),
    ).toBeTruthy()
    expect(
      screen.getAllByText(
        'The value "🎟️" has no letters or digits to make a tag from: type its tag.',
      ),
    ).not.toHaveLength(0)
  })

  it('shows each tag’s change against the team’s last version, or that it is new', async () => {
    const { table } = await renderSplit()
    const row = (value: string) =>
      within(table).getByLabelText(`Tag of ${value}`).closest('tr') as HTMLElement
    expect(await within(row('Full Season')).findByText('1 added, 1 removed')).toBeTruthy()
    expect(await within(row('Half Season')).findByText('new tag')).toBeTruthy()
    // No tag yet: nothing to compare.
    expect(within(row('🎟️')).getByText('—')).toBeTruthy()
  })

  it('follows the typed prefix and edits, and unticks a value', async () => {
    const { user, settings, table } = await renderSplit()
    const prefix = within(settings).getByLabelText('Tag prefix')
    await user.clear(prefix)
    await user.type(prefix, 'tier-')
    expect(
      within(settings).getByText('A tag prefix may contain only letters and digits.'),
    ).toBeTruthy()
    await user.type(prefix, '{Backspace}')
    await waitFor(() =>
      expect(within(table).getByLabelText('Tag of Half Season')).toHaveProperty(
        'value',
        'tierHalfSeason',
      ),
    )
    await user.type(within(table).getByLabelText('Tag of 🎟️'), 'tierTicket{Enter}')
    await waitFor(() => expect(screen.queryByText(/no letters or digits to make a tag/)).toBeNull())
    const tag = within(table).getByLabelText('Tag of Half Season')
    await user.clear(tag)
    await user.type(tag, 'tierFullSeason')
    await user.tab()
    expect(
      (
        await screen.findAllByText(
          '"Full Season" and "Half Season" both make the tag tierFullSeason: edit one of them.',
        )
      ).length,
    ).toBeGreaterThan(0)
    await user.click(
      within(table).getByRole('checkbox', { name: 'Upload the segment of Half Season' }),
    )
    expect(await screen.findByText('4 of 5 values ticked: 4 segments with 5 IDs.')).toBeTruthy()
    expect(screen.queryByText(/both make the tag/)).toBeNull()
  })

  it('lists a column of 5,000 values page by page with the limit sentence', async () => {
    const workspace = new SegmentWorkspace()
    const rows = Array.from({ length: 5_000 }, (_, i) => `F${i},Plan,Section ${i},1`)
    const csv = ['Account ID,Plan Type,Section,Seats', ...rows].join('\n')
    await workspace.addFile(
      't',
      new NodeFile([csv], 'seats.csv', { type: 'text/csv' }) as unknown as File,
    )
    workspace.setSplit({ sourceId: 't', column: 'Section', tagPrefix: '', titlePattern: '{value}' })
    renderWithProviders(<Split workspace={workspace} />)
    const user = userEvent.setup()
    expect(
      screen.getByText(
        '"Section" makes 5,000 segments: one confirmation sends at most 100. Add conditions to keep fewer values, or split by a column with fewer values.',
      ),
    ).toBeTruthy()
    const values = screen.getByRole('table', { name: 'Values of Section' })
    expect(within(values).getAllByRole('row')).toHaveLength(51)
    expect(screen.getByText('Values 1–50 of 5,000')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Next values' }))
    expect(await screen.findByText('Values 51–100 of 5,000')).toBeTruthy()
    expect(within(values).getByText('Section 50')).toBeTruthy()
    expect(screen.queryByRole('table', { name: 'Segments per value of Section' })).toBeNull()
  })

  it('ends the split when "No split" is chosen', async () => {
    const { user, settings } = await renderSplit()
    await user.selectOptions(
      within(settings).getByLabelText('One segment per value of'),
      'No split: one segment from the final list',
    )
    expect(screen.queryByRole('table')).toBeNull()
    expect(within(settings).queryByLabelText('Tag prefix')).toBeNull()
  })
})
