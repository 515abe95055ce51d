import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { recipeAnswerSchema, recipeListAnswerSchema } from '../../contracts/recipe.ts'
import { aRecipe } from '../../contracts/testing/recipe-builder.ts'
import { buildConsoleServer } from '../app.ts'
import type { HistoryStore } from '../history/history-store.ts'
import { ensurePgliteCluster, openPgliteClient } from '../history/pglite-client.ts'
import { HistoryRecorder } from '../history/recorder.ts'
import { SqlHistoryStore } from '../history/sql-history-store.ts'
import { TOKEN_SENTENCES } from '../history/token-check.ts'
import { fakeJwt } from '../testing/http-fixtures.ts'
import { RECIPE_BODY_LIMIT_BYTES } from './recipes.ts'

// The recipes routes on a real embedded database: two marketers of one club, one of another.

const root = mkdtempSync(join(tmpdir(), 'fanpass-recipes-'))
const template = join(root, 'template')
let count = 0
beforeAll(() => ensurePgliteCluster(template), 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }), 60_000)

const hour = () => Math.floor(Date.now() / 1000) + 3600
const jane = fakeJwt({ sub: 'jane', name: 'Jane Doe', club: 'lions', exp: hour() })
const sam = fakeJwt({ sub: 'sam', name: 'Sam Roe', club: 'lions', exp: hour() })
const ola = fakeJwt({ sub: 'ola', name: 'Ola', club: 'tigers', exp: hour() })

const apps: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})

/** A console whose history already accepted the three tokens (as after their first upload). */
async function consoleWithRecipes(): Promise<{ app: FastifyInstance; store: HistoryStore }> {
  const dataDir = join(root, String(count++))
  cpSync(template, join(dataDir, 'pglite'), { recursive: true })
  const store = await SqlHistoryStore.open(await openPgliteClient(join(dataDir, 'pglite')))
  const now = Date.now()
  for (const [token, club] of [
    [jane, 'lions'],
    [sam, 'lions'],
    [ola, 'tigers'],
  ] as const) {
    await store.rememberToken({
      tokenSha256: createHash('sha256').update(token).digest('hex'),
      fanpassHost: 'sandbox',
      scope: `sandbox|s:${club}`,
      acceptedAt: new Date(now),
      expiresAt: new Date(now + 3_600_000),
    })
  }
  const recorder = new HistoryRecorder({
    store: async () => store,
    dataDir,
    keepLists: 10,
    scopeClaim: 'club',
    fanpassHost: 'sandbox',
    historyHost: 'sandbox',
    warn: () => undefined,
  })
  const app = buildConsoleServer({
    upstream: { url: new URL('http://127.0.0.1:9'), target: 'sandbox' },
    bodyLimitBytes: 64 * 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: 'club' },
  })
  app.addHook('onClose', async () => {
    await recorder.close()
    await store.close()
  })
  apps.push(app)
  return { app, store }
}

function call(
  app: FastifyInstance,
  token: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url: `/console/history/recipes${path}`,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  })
}

describe('the recipes routes', () => {
  it("lets a colleague of the same club see, run and edit a recipe with its maker's name; another club sees nothing", async () => {
    const { app } = await consoleWithRecipes()
    const created = await call(app, jane, 'POST', '', { recipe: aRecipe() })
    expect(created.statusCode).toBe(200)
    const { recipe } = recipeAnswerSchema.parse(created.json())
    expect(recipe).toMatchObject({
      version: 1,
      createdBy: { name: 'Jane Doe', sub: 'jane' },
      lastRun: null,
    })

    const samsList = recipeListAnswerSchema.parse((await call(app, sam, 'GET', '')).json())
    expect(samsList.recipes.map((r) => [r.id, r.recipe.name, r.createdBy.name])).toEqual([
      [recipe.id, 'Full Season renewals', 'Jane Doe'],
    ])
    expect((await call(app, ola, 'GET', '')).json()).toEqual({ recipes: [] })
    expect((await call(app, ola, 'GET', `/${recipe.id}`)).statusCode).toBe(404)

    const ran = recipeAnswerSchema.parse(
      (await call(app, sam, 'POST', `/${recipe.id}/runs`)).json(),
    )
    expect(ran.recipe).toMatchObject({ version: 1, lastRun: { by: { name: 'Sam Roe' } } })

    const edited = await call(app, sam, 'PUT', `/${recipe.id}`, {
      recipe: aRecipe({ notes: 'Sam: Mondays at 9' }),
      version: 1,
    })
    expect(recipeAnswerSchema.parse(edited.json()).recipe).toMatchObject({
      version: 2,
      createdBy: { name: 'Jane Doe' },
      updatedBy: { name: 'Sam Roe' },
      recipe: { notes: 'Sam: Mondays at 9' },
    })
  })

  it("refuses an edit made from an older version with 409 and a sentence, keeping the colleague's", async () => {
    const { app } = await consoleWithRecipes()
    const { recipe } = recipeAnswerSchema.parse(
      (await call(app, jane, 'POST', '', { recipe: aRecipe() })).json(),
    )
    await call(app, sam, 'PUT', `/${recipe.id}`, { recipe: aRecipe({ name: 'Sam' }), version: 1 })
    const late = await call(app, jane, 'PUT', `/${recipe.id}`, {
      recipe: aRecipe({ name: 'Jane' }),
      version: 1,
    })
    expect(late.statusCode).toBe(409)
    expect(late.json().errors).toEqual([
      expect.stringMatching(
        /^Sam Roe changed this recipe at \d{4}-\d\d-\d\d \d\d:\d\d UTC, after you opened it\. Your change was not saved: look at theirs and edit again\.$/,
      ),
    ])
    const kept = recipeAnswerSchema.parse((await call(app, jane, 'GET', `/${recipe.id}`)).json())
    expect(kept.recipe.recipe.name).toBe('Sam')
  })

  it('deletes a recipe once; a deleted or unknown one is a 404 sentence', async () => {
    const { app } = await consoleWithRecipes()
    const { recipe } = recipeAnswerSchema.parse(
      (await call(app, jane, 'POST', '', { recipe: aRecipe() })).json(),
    )
    expect((await call(app, ola, 'DELETE', `/${recipe.id}`)).statusCode).toBe(404)
    expect((await call(app, sam, 'DELETE', `/${recipe.id}`)).json()).toEqual({ ok: true })
    const again = await call(app, jane, 'DELETE', `/${recipe.id}`)
    expect(again.statusCode).toBe(404)
    expect(again.json().errors).toEqual([
      'There is no such recipe: a colleague may have deleted it.',
    ])
    const notANumber = await call(app, jane, 'GET', '/..%2Fx')
    expect(notANumber.statusCode).toBe(400)
    expect(notANumber.json().errors).toEqual(['The console could not read this recipe number.'])
  })

  it('stores configuration only: rows or IDs slipped into a recipe are dropped, a broken recipe is refused', async () => {
    const { app, store } = await consoleWithRecipes()
    const smuggled = { ...aRecipe(), rows: [['10001', 'Full Season']], userIds: ['10001'] }
    const { recipe } = recipeAnswerSchema.parse(
      (await call(app, jane, 'POST', '', { recipe: smuggled })).json(),
    )
    const stored = await store.recipes.get('sandbox|s:lions', recipe.id)
    expect(JSON.stringify(stored)).not.toContain('10001')

    const unnamed = await call(app, jane, 'POST', '', { recipe: aRecipe({ name: '  ' }) })
    expect(unnamed.statusCode).toBe(400)
    expect(unnamed.json().errors).toEqual(['The console could not read this recipe.'])
    expect(await store.recipes.list('sandbox|s:lions')).toHaveLength(1)
  })

  it('checks the token before reading a body, and bounds the body', async () => {
    const { app } = await consoleWithRecipes()
    const anonymous = await call(app, null, 'POST', '', { recipe: aRecipe() })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().errors).toEqual([TOKEN_SENTENCES.missing])

    const huge = await call(app, jane, 'POST', '', {
      recipe: aRecipe({ notes: 'n'.repeat(RECIPE_BODY_LIMIT_BYTES) }),
    })
    expect(huge.statusCode).toBe(413)
    expect(huge.json().errors[0]).toMatch(/^This request is larger than the console's limit/)
  })
})
