import { queryOptions } from '@tanstack/react-query'
import {
  recipeAnswerSchema,
  recipeListAnswerSchema,
  type RecipeRecord,
} from '../../../../contracts/recipe'
import { readConsoleHistory } from '../../../lib/console-history'

/** Every recipe query starts with this key, so a mutation invalidates them all at once. */
export const recipesQueryKey = ['recipes'] as const

/**
 * The team's recipes (GET /console/history/recipes), most recently changed first. Keyed by the
 * token's generation (lib/session-token), so another club's token never sees this one's.
 */
export function recipeListQueryOptions(session: { token: string; generation: number }) {
  return queryOptions({
    queryKey: [...recipesQueryKey, 'list', session.generation],
    enabled: session.token !== '',
    retry: false,
    queryFn: async () => (await readConsoleHistory('/recipes', recipeListAnswerSchema)).recipes,
  })
}

/** One recipe (GET /console/history/recipes/:id). */
export async function readRecipe(id: string): Promise<RecipeRecord> {
  return (await readConsoleHistory(`/recipes/${encodeURIComponent(id)}`, recipeAnswerSchema)).recipe
}

/** One recipe, as "Refresh with this recipe" reads it. */
export function recipeQueryOptions(
  session: { token: string; generation: number },
  id: string | null,
) {
  return queryOptions({
    queryKey: [...recipesQueryKey, 'one', id, session.generation],
    enabled: session.token !== '' && id !== null,
    retry: false,
    queryFn: () => readRecipe(id ?? ''),
  })
}
