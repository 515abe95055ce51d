// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useLocation } from 'react-router'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Recipe, RecipeRecord } from '../../../../contracts/recipe'
import { forgetToken, setToken } from '../../../lib/session-token'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { RecipesPage } from './recipes-page'

beforeAll(stubBrowserApis)

const ID = '6f1c1f1e-8d1a-4c57-9d3e-0b1a2c3d4e5f'
const recipe: Recipe = {
  version: 1,
  name: 'Full Season renewals',
  sources: [
    {
      columns: ['Account ID', 'Plan Type'],
      headerSignature: 'account id\u001fplan type',
      sheet: null,
      idColumn: 'Account ID',
      conditions: [{ kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] }],
    },
  ],
  combine: 'union',
  split: null,
  notes: 'Every Monday',
}
const record: RecipeRecord = {
  id: ID,
  version: 2,
  recipe,
  createdAt: '2026-12-01T09:12:00.000Z',
  createdBy: { name: 'Jane Doe', sub: 'jane' },
  updatedAt: '2026-12-02T09:12:00.000Z',
  updatedBy: { name: 'Sam Roe', sub: 'sam' },
  lastRun: null,
}

interface Asked {
  method: string
  url: string
  body: unknown
}
let asked: Asked[]
let answer: (asked: Asked) => Response

beforeEach(() => {
  asked = []
  answer = () => Response.json({ recipes: [record] })
  setToken('header.payload.signature')
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : null
    const call = { method: init.method ?? 'GET', url, body }
    asked.push(call)
    return answer(call)
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  forgetToken()
})

function Address() {
  const location = useLocation()
  return <p>Now at {`${location.pathname}${location.search}`}</p>
}

const renderPage = () =>
  renderWithProviders(<RecipesPage />, {
    path: '/recipes',
    routes: [{ path: '/segments', element: <Address /> }],
  })

const error = (status: number, sentence: string) =>
  Response.json({ status, correlationId: 'c', messages: [], errors: [sentence] }, { status })

describe('RecipesPage', () => {
  it('lists each recipe with who made and last changed it and when it last ran, and refreshes one on Segments', async () => {
    renderPage()
    const row = await screen.findByRole('row', { name: /Full Season renewals/ })
    expect(within(row).getByText(/^Jane Doe, /)).toBeTruthy()
    expect(within(row).getByText(/^Sam Roe, /)).toBeTruthy()
    expect(within(row).getByText('Never')).toBeTruthy()
    expect(within(row).getByText('1 file, 1 condition')).toBeTruthy()
    await userEvent.click(within(row).getByRole('button', { name: /^Refresh with this recipe/ }))
    expect(await screen.findByText(`Now at /segments?recipe=${ID}`)).toBeTruthy()
  })

  it("edits from the version shown, and says so when a colleague's change came first", async () => {
    renderPage()
    const row = await screen.findByRole('row', { name: /Full Season renewals/ })
    answer = (call) =>
      call.method === 'PUT'
        ? error(409, 'Ola changed this recipe at 2026-12-03 10:00 UTC, after you opened it.')
        : Response.json({ recipes: [record] })
    await userEvent.click(within(row).getByRole('button', { name: /^Edit/ }))
    const dialog = await screen.findByRole('dialog', { name: 'Edit recipe' })
    const name = within(dialog).getByLabelText(/Recipe name/)
    await userEvent.clear(name)
    await userEvent.type(name, 'Renewals')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Ola changed this recipe at 2026-12-03 10:00 UTC, after you opened it.',
    )
    expect(asked.find((call) => call.method === 'PUT')).toEqual({
      method: 'PUT',
      url: `/console/history/recipes/${ID}`,
      body: { version: 2, recipe: { ...recipe, name: 'Renewals' } },
    })
  })

  it('deletes a recipe only once the dialog is confirmed', async () => {
    renderPage()
    const row = await screen.findByRole('row', { name: /Full Season renewals/ })
    answer = (call) =>
      call.method === 'DELETE' ? Response.json({ ok: true }) : Response.json({ recipes: [record] })
    await userEvent.click(within(row).getByRole('button', { name: /^Delete/ }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete recipe?' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }))
    expect(asked.some((call) => call.method === 'DELETE')).toBe(false)
    await userEvent.click(within(row).getByRole('button', { name: /^Delete/ }))
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Delete recipe?' })).getByRole('button', {
        name: 'Delete recipe',
      }),
    )
    await waitFor(() =>
      expect(asked.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([
        `/console/history/recipes/${ID}`,
      ]),
    )
  })

  it("imports a recipe file, and answers a file that is not one with the contract's sentence", async () => {
    renderPage()
    await screen.findByRole('row', { name: /Full Season renewals/ })
    answer = (call) =>
      call.method === 'POST'
        ? Response.json({ recipe: { ...record, id: crypto.randomUUID(), version: 1 } })
        : Response.json({ recipes: [record] })
    const picker = screen.getByLabelText('Import a recipe')
    await userEvent.upload(picker, new File(['[]'], 'rows.json', { type: 'application/json' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This file is not a recipe this console can read: ',
    )
    expect(asked.some((call) => call.method === 'POST')).toBe(false)

    const file = new File([JSON.stringify({ ...recipe, name: 'From Sam' })], 'recipe.json', {
      type: 'application/json',
    })
    await userEvent.upload(picker, file)
    expect(await screen.findByText('Imported the recipe “From Sam”.')).toBeTruthy()
    expect(asked.find((call) => call.method === 'POST')?.body).toEqual({
      recipe: { ...recipe, name: 'From Sam' },
    })
  })

  it('duplicates a recipe under a new name', async () => {
    renderPage()
    const row = await screen.findByRole('row', { name: /Full Season renewals/ })
    answer = (call) =>
      call.method === 'POST'
        ? Response.json({ recipe: { ...record, id: crypto.randomUUID(), version: 1 } })
        : Response.json({ recipes: [record] })
    await userEvent.click(within(row).getByRole('button', { name: /^Duplicate/ }))
    await waitFor(() =>
      expect(asked.find((call) => call.method === 'POST')?.body).toEqual({
        recipe: { ...recipe, name: 'Copy of Full Season renewals' },
      }),
    )
  })
})
