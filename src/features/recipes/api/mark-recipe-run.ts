import { useMutation, useQueryClient } from '@tanstack/react-query'
import { recipeAnswerSchema, type RecipeRecord } from '../../../../contracts/recipe'
import { readConsoleHistory } from '../../../lib/console-history'
import { recipesQueryKey } from './recipe-queries'

/** Notes that the marketer ran a recipe now (POST /console/history/recipes/:id/runs). */
export async function markRecipeRun(id: string): Promise<RecipeRecord> {
  const answer = await readConsoleHistory(
    `/recipes/${encodeURIComponent(id)}/runs`,
    recipeAnswerSchema,
    { method: 'POST' },
  )
  return answer.recipe
}

export function useMarkRecipeRun() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: markRecipeRun,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recipesQueryKey }),
  })
}
