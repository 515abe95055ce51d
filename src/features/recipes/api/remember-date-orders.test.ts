import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Recipe, RecipeRecord } from '../../../../contracts/recipe'
import type { RecipeRun } from '../../../lib/recipe-link'
import { forgetToken, setToken } from '../../../lib/session-token'
import { withDateOrders } from '../domain/remember-date-orders'
import { rememberDateOrders } from './remember-date-orders'

const ID = '6f1c1f1e-8d1a-4c57-9d3e-0b1a2c3d4e5f'
const recipe: Recipe = {
  version: 1,
  name: 'Recent buyers',
  sources: [
    {
      columns: ['Account ID', 'Last Purchase'],
      headerSignature: 'account id\u001flast purchase',
      sheet: null,
      idColumn: 'Account ID',
      conditions: [{ kind: 'date', column: 'Last Purchase', op: 'after', date: '2026-10-01' }],
    },
  ],
  combine: 'union',
  split: null,
  notes: '',
}
const run: RecipeRun = {
  id: ID,
  version: 3,
  recipe,
  dateOrders: [{ source: 0, column: 'Last Purchase', was: null, order: 'dayFirst' }],
}
const record = (version: number, saved: Recipe): RecipeRecord => ({
  id: ID,
  version,
  recipe: saved,
  createdAt: '2026-12-01T09:12:00.000Z',
  createdBy: { name: 'Jane Doe', sub: 'jane' },
  updatedAt: '2026-12-02T09:12:00.000Z',
  updatedBy: { name: 'Sam Roe', sub: 'sam' },
  lastRun: null,
})
const conflict = () =>
  Response.json(
    { status: 409, correlationId: 'c', messages: [], errors: ['Ola changed this recipe.'] },
    { status: 409 },
  )

let puts: unknown[]
let answer: (method: string, body: unknown) => Response

beforeEach(() => {
  puts = []
  setToken('header.payload.signature')
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : null
    if (init.method === 'PUT') puts.push(body)
    return answer(init.method ?? 'GET', body)
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  forgetToken()
})

const dayFirst = withDateOrders(recipe, run.dateOrders) as Recipe

describe('rememberDateOrders', () => {
  it('saves the answered order through the edit, from the version the run read', async () => {
    answer = () => Response.json({ recipe: record(4, dayFirst) })
    expect((await rememberDateOrders(run))?.version).toBe(4)
    expect(puts).toEqual([{ version: 3, recipe: dayFirst }])
  })

  it("puts the order on a colleague's newer version instead of writing over it", async () => {
    const renamed = { ...recipe, name: 'Recent buyers (all plans)' }
    answer = (method) =>
      method === 'GET'
        ? Response.json({ recipe: record(4, renamed) })
        : puts.length === 1
          ? conflict()
          : Response.json({ recipe: record(5, { ...dayFirst, name: renamed.name }) })
    expect((await rememberDateOrders(run))?.version).toBe(5)
    expect(puts).toEqual([
      { version: 3, recipe: dayFirst },
      { version: 4, recipe: { ...dayFirst, name: renamed.name } },
    ])
  })

  it('saves nothing when the colleague already chose the order, and says why when it cannot save', async () => {
    const theirs = withDateOrders(recipe, [
      { ...(run.dateOrders[0] as RecipeRun['dateOrders'][0]), order: 'monthFirst' },
    ])
    answer = (method) =>
      method === 'GET' ? Response.json({ recipe: record(4, theirs as Recipe) }) : conflict()
    expect(await rememberDateOrders(run)).toBeNull()
    expect(puts).toHaveLength(1)

    // A third edit between the read and the second save: said, not retried for ever.
    puts = []
    answer = (method) =>
      method === 'GET' ? Response.json({ recipe: record(5, recipe) }) : conflict()
    await expect(rememberDateOrders(run)).rejects.toThrow('Ola changed this recipe.')
    expect(puts).toHaveLength(2)
  })
})
