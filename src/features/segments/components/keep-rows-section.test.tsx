// @vitest-environment jsdom
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { SegmentWorkspace } from '../worker/segment-workspace'
import { KeepRowsSection } from './keep-rows-section'
import type { KeepRowsActions } from './use-keep-rows'

// The workspace fingerprints the file with Node's crypto, which takes Node's Blob bytes only.
beforeAll(() => {
  stubBrowserApis()
  vi.stubGlobal('Blob', NodeBlob)
})
afterAll(() => vi.unstubAllGlobals())

const tickets = [
  'Account ID,Plan Type,Renewal Status,Seats',
  'A1,Full Season,Renewed,2',
  'A2,Full Season,Lapsed,4',
  'A3,Half Season,Renewed,1',
  'A1,Full Season,Renewed,3',
  'A4,Full Season ,Renewed,2',
].join('\n')

async function renderSection() {
  const workspace = new SegmentWorkspace()
  const { source } = await workspace.addFile(
    't',
    new NodeFile([tickets], 'tickets.csv', { type: 'text/csv' }) as unknown as File,
  )
  const actions: KeepRowsActions = {
    columnProfiles: async (id) => workspace.columnProfiles(id),
    searchColumnValues: async (id, column, query) =>
      workspace.searchColumnValues(id, column, query),
    setConditions: async (id, conditions) => workspace.setConditions(id, conditions).state,
  }
  renderWithProviders(
    <KeepRowsSection sourceId="t" sourceName="tickets.csv" reading={source} actions={actions} />,
  )
  const section = await screen.findByRole('region', { name: 'Keep rows where…' })
  return { workspace, section }
}

describe('KeepRowsSection', () => {
  it('adds "is one of" conditions from the checklist, with counts, and includes near-duplicates', async () => {
    const user = userEvent.setup()
    const { workspace, section } = await renderSection()
    expect(within(section).getByText('5 of 5 rows kept → 4 IDs')).toBeTruthy()

    await user.selectOptions(within(section).getByLabelText('Column'), 'Plan Type')
    expect(within(section).getByLabelText('Operator')).toHaveProperty('value', 'text:isOneOf')
    await user.click(within(section).getByRole('checkbox', { name: 'Full Season (3 rows)' }))
    await user.click(within(section).getByRole('button', { name: 'Add condition' }))
    expect(
      await within(section).findByText('Plan Type is one of Full Season — keeps 3 rows'),
    ).toBeTruthy()
    expect(within(section).getByText('3 of 5 rows kept → 2 IDs')).toBeTruthy()
    expect(
      within(section).getByText("'Full Season ' looks like 'Full Season': include it?"),
    ).toBeTruthy()

    await user.click(within(section).getByRole('button', { name: 'Include it' }))
    expect(
      await within(section).findByText(
        'Plan Type is one of Full Season or “Full Season ” — keeps 4 rows',
      ),
    ).toBeTruthy()
    expect(workspace.getPage(0, 10).ids).toEqual(['A1', 'A2', 'A4'])
    expect(
      within(section).getByText(/A fan with several rows is in when any kept row has their ID/),
    ).toBeTruthy()
  })

  it('compares numbers, searches values, and removes a condition', async () => {
    const user = userEvent.setup()
    const { workspace, section } = await renderSection()
    await user.selectOptions(within(section).getByLabelText('Column'), 'Seats')
    await user.selectOptions(within(section).getByLabelText('Operator'), '≥')
    const add = within(section).getByRole('button', { name: 'Add condition' })
    expect(add).toHaveProperty('disabled', true)
    await user.type(within(section).getByLabelText('Value'), '3')
    await user.click(add)
    expect(await within(section).findByText('Seats ≥ 3 — keeps 2 rows')).toBeTruthy()
    expect(workspace.getPage(0, 10).ids).toEqual(['A2', 'A1'])

    await user.selectOptions(within(section).getByLabelText('Column'), 'Renewal Status')
    await user.type(within(section).getByLabelText('Search values of Renewal Status'), 'laps')
    await waitFor(() =>
      expect(
        within(section)
          .getAllByRole('checkbox')
          .map((box) => box.getAttribute('value')),
      ).toEqual(['Lapsed']),
    )

    await user.click(
      within(section).getByRole('button', { name: 'Remove the condition Seats ≥ 3' }),
    )
    await waitFor(() => expect(within(section).getByText('5 of 5 rows kept → 4 IDs')).toBeTruthy())
    expect(workspace.getPage(0, 10).ids).toEqual(['A1', 'A2', 'A3', 'A4'])
  })
})
