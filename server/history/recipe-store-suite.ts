import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aRecipe } from '../../contracts/testing/recipe-builder.ts'
import type { HistoryStore } from './history-store.ts'
import { MAX_RECIPES_PER_SCOPE } from './recipe-store.ts'

const jane = { name: 'Jane Doe', sub: 'jane' }
const sam = { name: 'Sam Roe', sub: 'sam' }

/**
 * The one suite every RecipeStore runs (through the HistoryStore that holds it), so the
 * embedded and server databases cannot drift. `open` gives a store on an empty database.
 */
export function recipeStoreSuite(name: string, open: () => Promise<HistoryStore>) {
  describe(`${name} recipe store`, () => {
    let store: HistoryStore
    beforeEach(async () => {
      store = await open()
    })
    afterEach(() => store.close())

    it('keeps a recipe with who made it, and shows it to its own club only', async () => {
      const id = randomUUID()
      const created = await store.recipes.create('club-a', id, aRecipe(), jane)
      expect(created).toMatchObject({
        id,
        version: 1,
        recipe: aRecipe(),
        createdBy: jane,
        updatedBy: jane,
        lastRun: null,
      })
      expect(created?.createdAt).toBe(created?.updatedAt)
      expect(await store.recipes.get('club-a', id)).toEqual(created)
      expect(await store.recipes.list('club-a')).toEqual([created])
      expect(await store.recipes.get('club-b', id)).toBeNull()
      expect(await store.recipes.list('club-b')).toEqual([])
    })

    it("saves an edit made from the current version, and refuses one made from an older one, keeping the colleague's", async () => {
      const id = randomUUID()
      await store.recipes.create('club-a', id, aRecipe(), jane)
      const samsEdit = await store.recipes.update(
        'club-a',
        id,
        aRecipe({ name: "Sam's renewals" }),
        1,
        sam,
      )
      expect(samsEdit).toMatchObject({
        kind: 'updated',
        record: { version: 2, createdBy: jane, updatedBy: sam, recipe: { name: "Sam's renewals" } },
      })
      const janesLateEdit = await store.recipes.update(
        'club-a',
        id,
        aRecipe({ name: "Jane's renewals" }),
        1,
        jane,
      )
      expect(janesLateEdit).toMatchObject({
        kind: 'conflict',
        current: { version: 2, updatedBy: sam, recipe: { name: "Sam's renewals" } },
      })
      expect(await store.recipes.update('club-b', id, aRecipe(), 2, jane)).toEqual({
        kind: 'missing',
      })
      expect((await store.recipes.get('club-a', id))?.recipe.name).toBe("Sam's renewals")
    })

    it('notes who ran a recipe and when, leaving its version for the edits', async () => {
      const id = randomUUID()
      await store.recipes.create('club-a', id, aRecipe(), jane)
      const ran = await store.recipes.markRun('club-a', id, sam)
      expect(ran).toMatchObject({ version: 1, updatedBy: jane, lastRun: { by: sam } })
      expect(Date.parse(ran?.lastRun?.at ?? '')).toBeGreaterThanOrEqual(
        Date.parse(ran?.createdAt ?? ''),
      )
      expect(await store.recipes.markRun('club-b', id, sam)).toBeNull()
    })

    it('deletes a recipe of its own club only, and lists the most recently changed first', async () => {
      const first = randomUUID()
      const second = randomUUID()
      await store.recipes.create('club-a', first, aRecipe({ name: 'First' }), jane)
      await store.recipes.create('club-a', second, aRecipe({ name: 'Second' }), jane)
      await store.recipes.update('club-a', first, aRecipe({ name: 'First, edited' }), 1, sam)
      expect((await store.recipes.list('club-a')).map((r) => r.recipe.name)).toEqual([
        'First, edited',
        'Second',
      ])
      expect(await store.recipes.remove('club-b', first)).toBe(false)
      expect(await store.recipes.remove('club-a', first)).toBe(true)
      expect(await store.recipes.remove('club-a', first)).toBe(false)
      expect((await store.recipes.list('club-a')).map((r) => r.id)).toEqual([second])
    })

    it('keeps SQL-looking, emoji and U+0000 values as configuration, U+0000 read as ␀', async () => {
      const nasty = "x'); DROP TABLE recipes; --"
      const [source] = aRecipe().sources
      if (source === undefined) throw new Error('aRecipe has a source')
      const recipe = aRecipe({
        name: nasty,
        notes: '$1 \\ " 😀',
        sources: [
          {
            ...source,
            conditions: [
              {
                kind: 'text',
                column: '__proto__',
                op: 'isOneOf',
                values: ["=cmd|' /C calc'!A0", '😀', 'a\u0000b'],
              },
            ],
          },
        ],
      })
      const id = randomUUID()
      await store.recipes.create(nasty, id, recipe, { name: nasty, sub: null })
      const read = await store.recipes.get(nasty, id)
      expect(read?.recipe.name).toBe(nasty)
      expect(read?.recipe.notes).toBe('$1 \\ " 😀')
      expect(read?.recipe.sources[0]?.conditions[0]).toEqual({
        kind: 'text',
        column: '__proto__',
        op: 'isOneOf',
        values: ["=cmd|' /C calc'!A0", '😀', 'a\u2400b'],
      })
      expect(read?.createdBy).toEqual({ name: nasty, sub: null })
    })

    it(`keeps at most ${MAX_RECIPES_PER_SCOPE} recipes per club`, async () => {
      for (let made = 0; made < MAX_RECIPES_PER_SCOPE; made++) {
        await store.recipes.create('club-a', randomUUID(), aRecipe(), jane)
      }
      expect(await store.recipes.create('club-a', randomUUID(), aRecipe(), jane)).toBeNull()
      expect(await store.recipes.create('club-b', randomUUID(), aRecipe(), jane)).not.toBeNull()
    }, 60_000)
  })
}
