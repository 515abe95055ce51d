import { useMutation, useQueryClient } from '@tanstack/react-query'
import { recipeDeletedAnswerSchema } from '../../../../contracts/recipe'
import { readConsoleHistory } from '../../../lib/console-history'
import { recipesQueryKey } from './recipe-queries'

/** Deletes a recipe for the whole team (DELETE /console/history/recipes/:id). */
export async function deleteRecipe(id: string): Promise<void> {
  await readConsoleHistory(`/recipes/${encodeURIComponent(id)}`, recipeDeletedAnswerSchema, {
    method: 'DELETE',
  })
}

export function useDeleteRecipe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteRecipe,
    onSettled: () => queryClient.invalidateQueries({ queryKey: recipesQueryKey }),
  })
}
