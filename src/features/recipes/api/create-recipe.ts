import { useMutation, useQueryClient } from '@tanstack/react-query'
import { recipeAnswerSchema, type Recipe, type RecipeRecord } from '../../../../contracts/recipe'
import { readConsoleHistory } from '../../../lib/console-history'
import { recipesQueryKey } from './recipe-queries'

/** Keeps a new recipe for the team (POST /console/history/recipes); saved, duplicated or imported. */
export async function createRecipe(recipe: Recipe): Promise<RecipeRecord> {
  const answer = await readConsoleHistory('/recipes', recipeAnswerSchema, {
    method: 'POST',
    body: { recipe },
  })
  return answer.recipe
}

export function useCreateRecipe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createRecipe,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recipesQueryKey }),
  })
}
