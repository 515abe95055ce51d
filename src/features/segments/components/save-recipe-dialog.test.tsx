// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import type { CapturedRecipe } from '../domain/recipes/capture-recipe'
import { SaveRecipeModal } from './lazy-parts'
import { SaveRecipeDialog } from './save-recipe-dialog'

beforeAll(stubBrowserApis)
// The dialog is a lazy part: transforming its module on first use can outlast findByRole's wait.
// Awaited rather than returned: a function a hook resolves to is run as its teardown.
beforeAll(async () => {
  await SaveRecipeModal.preload()
})

const captured: CapturedRecipe = {
  version: 1,
  sources: [
    {
      columns: ['Account ID'],
      headerSignature: 'account id',
      sheet: null,
      idColumn: 'Account ID',
      conditions: [],
    },
  ],
  combine: 'union',
  split: null,
  segment: null,
}

describe('SaveRecipeDialog', () => {
  it('names the captured configuration and saves it with its notes', async () => {
    const save = vi.fn(async () => undefined)
    renderWithProviders(
      <SaveRecipeDialog
        capture={async () => ({ kind: 'captured', recipe: captured })}
        save={save}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Save as recipe' }))
    const dialog = await screen.findByRole('dialog', { name: 'Save as recipe' })
    const saveButton = within(dialog).getByRole('button', { name: 'Save recipe' })
    expect(saveButton).toHaveProperty('disabled', true)
    await userEvent.type(within(dialog).getByLabelText(/Recipe name/), '  Renewals ')
    await userEvent.type(within(dialog).getByLabelText('Notes'), 'Mondays')
    await userEvent.click(saveButton)
    expect(save).toHaveBeenCalledWith({ ...captured, name: 'Renewals', notes: 'Mondays' })
    expect((await screen.findByRole('status')).textContent).toBe(
      'Saved the recipe “Renewals”: your team finds it on the Recipes page.',
    )
  })

  it('gives the focus back to "Save as recipe" when the dialog closes', async () => {
    renderWithProviders(
      <SaveRecipeDialog
        capture={async () => ({ kind: 'captured', recipe: captured })}
        save={vi.fn()}
      />,
    )
    const opener = screen.getByRole('button', { name: 'Save as recipe' })
    opener.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = await screen.findByRole('dialog', { name: 'Save as recipe' })
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true))
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(document.activeElement).toBe(opener))
  })

  it('says why there is nothing to save, and offers no save', async () => {
    renderWithProviders(
      <SaveRecipeDialog
        capture={async () => ({ kind: 'refused', sentence: 'Wait until every file is read.' })}
        save={vi.fn()}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Save as recipe' }))
    const dialog = await screen.findByRole('dialog', { name: 'Save as recipe' })
    expect(dialog.textContent).toContain('Wait until every file is read.')
    expect(within(dialog).queryByRole('button', { name: 'Save recipe' })).toBeNull()
  })

  it("shows the server's sentence when the recipe is not saved", async () => {
    renderWithProviders(
      <SaveRecipeDialog
        capture={async () => ({ kind: 'captured', recipe: captured })}
        save={() => Promise.reject(new Error('Your team keeps 500 recipes already.'))}
      />,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Save as recipe' }))
    const dialog = await screen.findByRole('dialog', { name: 'Save as recipe' })
    await userEvent.type(within(dialog).getByLabelText(/Recipe name/), 'Renewals')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save recipe' }))
    expect(await within(dialog).findByText('Your team keeps 500 recipes already.')).toBeTruthy()
  })
})
