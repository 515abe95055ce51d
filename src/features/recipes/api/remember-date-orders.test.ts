import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Recipe } from '../../../../contracts/recipe'
import { aRecipe, aRecipeRecord, aRecipeSource } from '../../../../contracts/testing/recipe-builder'
import type { RecipeRun } from '../../../lib/recipe-link'
import { forgetToken, setToken } from '../../../lib/session-token'
import { withDateOrders } from '../domain/remember-date-orders'
import { rememberDateOrders } from './remember-date-orders'

const recipe = aRecipe({
  name: 'Recent buyers',
  sources: [
    aRecipeSource({
      conditions: [{ kind: 'date', column: 'Last Purchase', op: 'after', date: '2026-10-01' }],
    }),
  ],
})
const run: RecipeRun = {
  id: aRecipeRecord().id,
  version: 3,
  recipe,
  dateOrders: [{ source: 0, column: 'Last Purchase', was: null, order: 'dayFirst' }],
}
const record = (version: number, saved: Recipe) => aRecipeRecord({ version, recipe: saved })
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
