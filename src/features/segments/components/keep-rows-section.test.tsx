// @vitest-environment jsdom
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RowCondition } from '../../../../contracts/recipe'
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

/** `saved`: conditions set before the card shows (a recipe's, or kept across a new reading). */
async function renderSection(csv = tickets, saved: RowCondition[] = []) {
  const workspace = new SegmentWorkspace()
  const { source } = await workspace.addFile(
    't',
    new NodeFile([csv], 'tickets.csv', { type: 'text/csv' }) as unknown as File,
  )
  if (saved.length > 0) workspace.setConditions('t', saved)
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

  it('asks the day/month order of a column that cannot tell, before its date condition applies', async () => {
    const user = userEvent.setup()
    const { workspace, section } = await renderSection(
      [
        'Account ID,Event Date,Renewed On,Typed',
        'A1,03/04/2026,25/03/2026,25/03/2026',
        'A2,05/06/2026,03/04/2026,03/25/2026',
        'A3,01/02/2026,01/02/2026,',
        'A1,03/04/2026,01/02/2026,',
      ].join('\n'),
    )
    await user.selectOptions(within(section).getByLabelText('Column'), 'Event Date')
    expect(within(section).getByLabelText('Operator')).toHaveProperty('value', 'date:before')
    fireEvent.change(within(section).getByLabelText('Date'), { target: { value: '2026-04-01' } })
    const add = within(section).getByRole('button', { name: 'Add condition' })
    const question = within(section).getByRole('radiogroup', {
      name: 'Is 03/04/2026 the 3rd of April or the 4th of March?',
    })
    expect(add).toHaveProperty('disabled', true)

    await user.click(within(question).getByRole('radio', { name: 'the 3rd of April (day first)' }))
    await user.click(add)
    expect(
      await within(section).findByText(
        'Event Date is before 2026-04-01 (dates read day first) — keeps 1 row',
      ),
    ).toBeTruthy()
    expect(workspace.getPage(0, 10).ids).toEqual(['A3'])

    // Read month first, 03/04/2026 is the 4th of March: before April.
    await user.click(
      within(section).getByRole('button', {
        name: 'Remove the condition Event Date is before 2026-04-01 (dates read day first)',
      }),
    )
    await user.selectOptions(within(section).getByLabelText('Column'), 'Event Date')
    fireEvent.change(within(section).getByLabelText('Date'), { target: { value: '2026-04-01' } })
    await user.click(within(section).getByRole('radio', { name: 'the 4th of March (month first)' }))
    await user.click(within(section).getByRole('button', { name: 'Add condition' }))
    expect(await within(section).findByText(/keeps 3 rows/)).toBeTruthy()
    expect(workspace.getPage(0, 10).ids).toEqual(['A1', 'A3'])

    await user.selectOptions(within(section).getByLabelText('Column'), 'Renewed On')
    expect(within(section).queryByRole('radiogroup')).toBeNull()
    expect(
      within(section).getByText('Dates read day first: 25/03/2026 is the 25th of March.'),
    ).toBeTruthy()

    await user.selectOptions(within(section).getByLabelText('Column'), 'Typed')
    fireEvent.change(within(section).getByLabelText('Date'), { target: { value: '2026-04-01' } })
    expect(within(section).getByText(/mixes day-first dates \(like 25\/03\/2026\)/)).toBeTruthy()
    expect(within(section).getByRole('button', { name: 'Add condition' })).toHaveProperty(
      'disabled',
      true,
    )
  })

  const after: RowCondition = {
    kind: 'date',
    column: 'Last Purchase',
    op: 'after',
    date: '2026-10-01',
  }
  it.each([
    {
      story: "a saved date condition this file's dates leave undecided",
      rows: ['A1,02/11/2026', 'A2,12/03/2026', 'A3,05/10/2026', 'A1,01/01/2026'],
      saved: after,
      question: 'Is 02/11/2026 the 2nd of November or the 11th of February?',
      answer: 'the 2nd of November (day first)',
      keeps: 'Last Purchase is after 2026-10-01 (dates read day first) — keeps 2 rows',
      ids: ['A1', 'A3'],
    },
    {
      // A 13 where the remembered order reads the month: asked again, not applied or changed.
      story: 'a saved date condition whose remembered order this file contradicts',
      rows: ['A1,11/02/2026', 'A2,03/13/2026', 'A3,09/05/2026'],
      saved: { ...after, order: 'dayFirst' as const },
      question:
        '"Last Purchase" was read day first before, but this file has 03/13/2026, which can only be the 13th of March: read it month first?',
      answer: 'the 13th of March (month first)',
      keeps: 'Last Purchase is after 2026-10-01 (dates read month first) — keeps 1 row',
      ids: ['A1'],
    },
  ])(
    'asks the day/month order of $story, sends nothing meanwhile, and applies it once answered',
    async ({ rows, saved, question, answer, keeps, ids }) => {
      const user = userEvent.setup()
      const { workspace, section } = await renderSection(
        ['Account ID,Last Purchase', ...rows].join('\n'),
        [saved],
      )
      const asked = await within(section).findByRole('radiogroup', { name: question })
      expect(within(section).getByText('These conditions cannot be applied')).toBeTruthy()
      expect(workspace.getPage(0, 10).ids).toEqual([])

      await user.click(within(asked).getByRole('radio', { name: answer }))
      expect(await within(section).findByText(keeps)).toBeTruthy()
      expect(within(section).queryByRole('radiogroup')).toBeNull()
      expect(within(section).queryByText('These conditions cannot be applied')).toBeNull()
      expect(workspace.getPage(0, 10).ids).toEqual(ids)
    },
  )
})
