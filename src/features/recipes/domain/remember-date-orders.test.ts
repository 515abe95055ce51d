import { describe, expect, it } from 'vitest'
import { importRecipe, exportRecipe, type Recipe } from '../../../../contracts/recipe'
import { aRecipe, aRecipeSource } from '../../../../contracts/testing/recipe-builder'
import type { DateOrderAnswer } from '../../../lib/recipe-link'
import { rememberedSentence, withDateOrders } from './remember-date-orders'

const recentBuyers = aRecipe({
  name: 'Recent buyers',
  sources: [
    aRecipeSource({
      conditions: [
        { kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] },
        { kind: 'date', column: 'Last Purchase', op: 'after', date: '2026-10-01' },
        { kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 90 },
      ],
    }),
  ],
})

const dayFirst: DateOrderAnswer = {
  source: 0,
  column: 'Last Purchase',
  was: null,
  order: 'dayFirst',
}

describe('withDateOrders', () => {
  it("puts the answered order on every date condition of the answer's column, and nothing else", () => {
    const kept = withDateOrders(recentBuyers, [dayFirst])
    expect(kept?.sources[0]?.conditions).toEqual([
      { kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] },
      { kind: 'date', column: 'Last Purchase', op: 'after', date: '2026-10-01', order: 'dayFirst' },
      { kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 90, order: 'dayFirst' },
    ])
    expect({ ...kept, sources: [] }).toEqual({ ...recentBuyers, sources: [] })
  })

  it('has nothing to save when the recipe already reads the column so', () => {
    const kept = withDateOrders(recentBuyers, [dayFirst])
    expect(kept).not.toBeNull()
    expect(withDateOrders(kept as Recipe, [dayFirst])).toBeNull()
    expect(withDateOrders(recentBuyers, [])).toBeNull()
  })

  it("leaves a colleague's newer choice of order alone", () => {
    const theirs = withDateOrders(recentBuyers, [{ ...dayFirst, order: 'monthFirst' }])
    expect(withDateOrders(theirs as Recipe, [dayFirst])).toBeNull()
  })

  it('replaces the order the run read when the marketer answered another one', () => {
    const kept = withDateOrders(recentBuyers, [dayFirst]) as Recipe
    const changed = withDateOrders(kept, [{ ...dayFirst, was: 'dayFirst', order: 'monthFirst' }])
    expect(changed?.sources[0]?.conditions[1]).toMatchObject({ order: 'monthFirst' })
  })

  it("answers only the source they were given on: another file's column of the same name keeps its order", () => {
    const twoFiles: Recipe = {
      ...recentBuyers,
      sources: [recentBuyers.sources[0], recentBuyers.sources[0]] as Recipe['sources'],
    }
    const kept = withDateOrders(twoFiles, [{ ...dayFirst, source: 1 }])
    expect(kept?.sources[0]?.conditions[1]).not.toHaveProperty('order')
    expect(kept?.sources[1]?.conditions[1]).toMatchObject({ order: 'dayFirst' })
  })

  it('keeps the order through export and import, and an exported recipe without one still imports', () => {
    const kept = withDateOrders(recentBuyers, [dayFirst]) as Recipe
    expect(importRecipe(exportRecipe(kept))).toEqual({ kind: 'recipe', recipe: kept })
    expect(importRecipe(exportRecipe(recentBuyers))).toEqual({
      kind: 'recipe',
      recipe: recentBuyers,
    })
  })
})

describe('rememberedSentence', () => {
  it('names each column and the order it is now read in', () => {
    expect(rememberedSentence(recentBuyers, [dayFirst])).toBe(
      'The recipe "Recent buyers" now reads Last Purchase day first: next week\'s file is read the same way without asking.',
    )
  })
})
