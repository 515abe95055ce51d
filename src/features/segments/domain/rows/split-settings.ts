// The settings of "One segment per value of…", checked alike by the page (as the marketer types
// the prefix and the pattern) and by the worker (before it splits): the recipe's own rules.
import * as z from 'zod/mini'
import { recipeSplitSchema } from '../../../../../contracts/recipe'

/** Rows of the split table shown at once (and the most the worker answers at once). */
export const SPLIT_PAGE_ROWS = 50

export const splitSettingsSchema = z.object({
  sourceId: z.string().check(z.minLength(1)),
  column: recipeSplitSchema.shape.column,
  tagPrefix: recipeSplitSchema.shape.tagPrefix,
  titlePattern: z
    .string()
    .check(
      z.minLength(1, 'Give a title pattern, e.g. "Plan: {value}".'),
      z.maxLength(200, 'Keep the title pattern under 200 characters.'),
    ),
})

/**
 * The first sentence saying why `field` cannot be used as typed; null when it can.
 * e.g. ('tagPrefix', 'plan-') → 'A tag prefix may contain only letters and digits.'
 */
export function splitFieldIssue(field: 'tagPrefix' | 'titlePattern', text: string): string | null {
  const result = z.safeParse(splitSettingsSchema.shape[field], text)
  return result.success ? null : (result.error.issues[0]?.message ?? 'Not valid.')
}
