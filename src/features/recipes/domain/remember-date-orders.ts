// The day/month orders a marketer answered while refreshing a recipe, written into the recipe's
// date conditions so that next week's file of the same kind (and a colleague's run) is read the
// same way without asking. Configuration only: the order, never a row.
import type { Recipe, RowCondition } from '../../../../contracts/recipe'
import type { DateOrderAnswer } from '../../../lib/recipe-link'

function answerFor(
  answers: readonly DateOrderAnswer[],
  source: number,
  condition: RowCondition,
): DateOrderAnswer | undefined {
  if (condition.kind !== 'date') return undefined
  // Compare-and-set per condition: only an order still as the run read it is replaced, so a
  // colleague who chose another order since keeps theirs.
  return answers.find(
    (answer) =>
      answer.source === source &&
      answer.column === condition.column &&
      answer.was === (condition.order ?? null) &&
      answer.order !== condition.order,
  )
}

/**
 * The recipe with the answered orders on its date conditions, or null when it already reads them
 * so (nothing to save).
 * e.g. (Recent buyers: Last Purchase is after 2026-10-01, [{source 0, Last Purchase, was null, dayFirst}])
 *      → the same recipe, the condition with order 'dayFirst'; the same answers again → null
 */
export function withDateOrders(recipe: Recipe, answers: readonly DateOrderAnswer[]): Recipe | null {
  let changed = false
  const sources = recipe.sources.map((source, index) => ({
    ...source,
    conditions: source.conditions.map((condition) => {
      const answer = answerFor(answers, index, condition)
      if (answer === undefined || condition.kind !== 'date') return condition
      changed = true
      return { ...condition, order: answer.order }
    }),
  }))
  return changed ? { ...recipe, sources } : null
}

/**
 * What the marketer reads once the orders are kept: e.g. 'The recipe "Recent buyers" now reads
 * Last Purchase day first: next week's file is read the same way without asking.'
 */
export function rememberedSentence(recipe: Recipe, answers: readonly DateOrderAnswer[]): string {
  const read = answers
    .map((answer) => `${answer.column} ${answer.order === 'dayFirst' ? 'day' : 'month'} first`)
    .join(', ')
  return `The recipe "${recipe.name}" now reads ${read}: next week's file is read the same way without asking.`
}
