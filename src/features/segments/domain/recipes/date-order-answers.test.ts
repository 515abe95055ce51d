import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../../contracts/recipe'
import { aRecipe, aRecipeSource } from '../../../../../contracts/testing/recipe-builder'
import { answeredDateOrders } from './date-order-answers'

const after: RowCondition = {
  kind: 'date',
  column: 'Last Purchase',
  op: 'after',
  date: '2026-10-01',
}
const renewed: RowCondition = {
  kind: 'text',
  column: 'Renewal Status',
  op: 'isOneOf',
  values: ['Renewed'],
}

const recipeOf = (...conditions: RowCondition[][]) =>
  aRecipe({ sources: conditions.map((list) => aRecipeSource({ conditions: list })) })

describe('answeredDateOrders', () => {
  it('gives the order the card was answered with, named as the recipe spells the column', () => {
    const page = [[renewed, { ...after, column: 'LAST PURCHASE ', order: 'dayFirst' as const }]]
    expect(answeredDateOrders(recipeOf([renewed, after]), page)).toEqual([
      { source: 0, column: 'Last Purchase', was: null, order: 'dayFirst' },
    ])
  })

  it('gives nothing while the question waits, for ISO dates, or when the recipe already reads it so', () => {
    expect(answeredDateOrders(recipeOf([after]), [[after]])).toEqual([])
    expect(answeredDateOrders(recipeOf([after]), [null])).toEqual([])
    const remembered = { ...after, order: 'dayFirst' as const }
    expect(answeredDateOrders(recipeOf([remembered]), [[remembered]])).toEqual([])
  })

  it('gives a changed order with the one the recipe had, and each column once', () => {
    const remembered = { ...after, order: 'dayFirst' as const }
    const page = [[{ ...remembered, order: 'monthFirst' as const }]]
    expect(answeredDateOrders(recipeOf([remembered, remembered]), page)).toEqual([
      { source: 0, column: 'Last Purchase', was: 'dayFirst', order: 'monthFirst' },
    ])
  })

  it("reads each of the recipe's files from the page's file that stands for it", () => {
    const page = [[after], [{ ...after, order: 'monthFirst' as const }]]
    expect(answeredDateOrders(recipeOf([after], [after]), page)).toEqual([
      { source: 1, column: 'Last Purchase', was: null, order: 'monthFirst' },
    ])
  })
})
