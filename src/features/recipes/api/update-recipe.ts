import { useMutation, useQueryClient } from '@tanstack/react-query'
import { recipeAnswerSchema, type Recipe, type RecipeRecord } from '../../../../contracts/recipe'
import { readConsoleHistory } from '../../../lib/console-history'
import { recipesQueryKey } from './recipe-queries'

export interface RecipeEdit {
  id: string
  /** The version the marketer edited: a colleague's newer one is never written over (409). */
  version: number
  recipe: Recipe
}

/** Saves an edit (PUT /console/history/recipes/:id). */
export async function updateRecipe({ id, version, recipe }: RecipeEdit): Promise<RecipeRecord> {
  const answer = await readConsoleHistory(
    `/recipes/${encodeURIComponent(id)}`,
    recipeAnswerSchema,
    { method: 'PUT', body: { recipe, version } },
  )
  return answer.recipe
}

/** Refetches the recipes whatever the outcome: a refused edit shows the colleague's version. */
export function useUpdateRecipe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateRecipe,
    onSettled: () => queryClient.invalidateQueries({ queryKey: recipesQueryKey }),
  })
}
