// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import type { SegmentDiff } from '../api/previous-upload'
import { BatchConfirmDialog } from './batch-confirm-dialog'
import type { BatchConfirmationRow } from './use-batch-upload-flow'

beforeAll(() => stubBrowserApis())

function row(tag: string, idCount: number, previousSize: number | null): BatchConfirmationRow {
  const previous: SegmentDiff | null =
    previousSize === null
      ? null
      : {
          recordId: `rec-${tag}`,
          previousAt: new Date('2026-12-01T10:02:00Z'),
          previousUpload: "Jane Doe's upload",
          previousSize,
          added: 0,
          removed: Math.max(0, previousSize - idCount),
          unchanged: Math.min(idCount, previousSize),
        }
  return {
    segment: { value: tag, tag, title: `Plan ${tag}`, idCount, body: new Blob(['{}']) },
    previous,
    missingReason: null,
  }
}

function renderDialog(rows: BatchConfirmationRow[]) {
  const onConfirm = vi.fn()
  renderWithProviders(
    <BatchConfirmDialog rows={rows} bodyBytes={2048} onConfirm={onConfirm} onClose={vi.fn()} />,
  )
  return { onConfirm, dialog: screen.getByRole('dialog', { name: /^Replace \d+ segments?\?$/ }) }
}

describe('BatchConfirmDialog', () => {
  it('lists every tag with its change, and sends without typing when nothing shrinks by half', async () => {
    const user = userEvent.setup()
    const { onConfirm, dialog } = renderDialog([row('planFull', 90, 100), row('planNew', 5, null)])
    const table = within(dialog).getByRole('table', { name: 'Segments to replace' })
    expect(within(table).getByRole('row', { name: /planFull/ }).textContent).toContain(
      '0 added, 10 removed',
    )
    expect(within(table).getByRole('row', { name: /planNew/ }).textContent).toContain('New:')
    expect(within(dialog).queryByRole('textbox')).toBeNull()

    await user.click(within(dialog).getByRole('button', { name: 'Replace 2 segments' }))
    expect(onConfirm).toHaveBeenCalledOnce()
  })

  it('asks for the tag when one segment shrinks by more than half, and refuses another word', async () => {
    const user = userEvent.setup()
    const { onConfirm, dialog } = renderDialog([row('planFull', 90, 100), row('planFlex', 4, 10)])
    expect(
      within(dialog).getByRole('alert', { name: 'The segment shrinks by more than half' })
        .textContent,
    ).toContain('The new list of planFlex has 4 IDs, less than half of the 10')

    await user.type(within(dialog).getByLabelText('Type the tag to confirm'), 'planFull')
    await user.click(within(dialog).getByRole('button', { name: 'Replace 2 segments' }))
    expect(await within(dialog).findByText('Type planFlex exactly to confirm.')).toBeTruthy()
    expect(onConfirm).not.toHaveBeenCalled()

    await user.clear(within(dialog).getByLabelText('Type the tag to confirm'))
    await user.type(within(dialog).getByLabelText('Type the tag to confirm'), 'planFlex')
    await user.click(within(dialog).getByRole('button', { name: 'Replace 2 segments' }))
    expect(onConfirm).toHaveBeenCalledOnce()
  })

  it('asks for the number of shrinking segments when several shrink', async () => {
    const user = userEvent.setup()
    const { onConfirm, dialog } = renderDialog([
      row('planFull', 90, 100),
      row('planFlex', 4, 10),
      row('planMini', 1, 10),
    ])
    within(dialog).getByRole('alert', { name: '2 segments shrink by more than half' })
    const field = within(dialog).getByLabelText(
      'Type the number of segments that shrink to confirm',
    )

    await user.type(field, '3')
    await user.click(within(dialog).getByRole('button', { name: 'Replace 3 segments' }))
    expect(
      await within(dialog).findByText(
        'Type 2 exactly to confirm: the number of segments that shrink by more than half.',
      ),
    ).toBeTruthy()
    await user.clear(field)
    await user.type(field, '2')
    await user.click(within(dialog).getByRole('button', { name: 'Replace 3 segments' }))
    expect(onConfirm).toHaveBeenCalledOnce()
  })

  it('cannot be confirmed while a tag is still being compared', () => {
    const { dialog } = renderDialog([
      row('planFull', 90, 100),
      { ...row('planFlex', 4, 10), previous: undefined },
    ])
    expect(within(dialog).getByRole('status').textContent).toContain(
      "Comparing with the team's last upload of each tag…",
    )
    expect(
      (within(dialog).getByRole('button', { name: 'Replace 2 segments' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true)
  })
})
