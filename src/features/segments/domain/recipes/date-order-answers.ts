// The day/month orders a refresh's cards were answered with, for the recipe to keep: what the
// page now reads each recipe date condition's column in, where the recipe said otherwise or nothing.
import type { Recipe, RowCondition } from '../../../../../contracts/recipe'
import type { DateOrderAnswer } from '../../../../lib/recipe-link'
import { sameName } from './apply-recipe'

/**
 * `current[i]`: the conditions the page holds on the file that stands for the recipe's source i
 * (null when it holds none).
 * e.g. recipe source 0 "Last Purchase is after 2026-10-01" (no order), the page's same condition
 *      answered day first → [{ source: 0, column: 'Last Purchase', was: null, order: 'dayFirst' }];
 *      the page's condition still without an order (ISO dates, or unanswered) → []
 */
export function answeredDateOrders(
  recipe: Recipe,
  current: readonly (readonly RowCondition[] | null)[],
): DateOrderAnswer[] {
  const answers: DateOrderAnswer[] = []
  for (const [source, { conditions }] of recipe.sources.entries()) {
    for (const saved of conditions) {
      if (saved.kind !== 'date') continue
      const was = saved.order ?? null
      const read = current[source]?.find(
        (condition) =>
          condition.kind === 'date' &&
          condition.order !== undefined &&
          condition.order !== was &&
          sameName(condition.column, saved.column),
      )
      if (read?.kind !== 'date' || read.order === undefined) continue
      const known = answers.some(
        (answer) =>
          answer.source === source && answer.column === saved.column && answer.was === was,
      )
      if (!known) answers.push({ source, column: saved.column, was, order: read.order })
    }
  }
  return answers
}
