import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { RecipeRecord } from '../../../../contracts/recipe'
import { ConsoleHistoryError } from '../../../lib/console-history'
import { errorMessage } from '../../../lib/format'
import type { RecipeRun } from '../../../lib/recipe-link'
import { rememberedSentence, withDateOrders } from '../domain/remember-date-orders'
import { readRecipe, recipesQueryKey } from './recipe-queries'
import { updateRecipe } from './update-recipe'

/**
 * Writes the answered day/month orders into the recipe through its edit (PUT, with the version the
 * run read). When a colleague saved the recipe meanwhile (409), their version is read and the
 * answers go on the conditions it still reads as the run did: the answers are each a small change
 * of their own, so they are rebased rather than dropped, and never replace a colleague's choice.
 * Resolves to the saved record, or null when the recipe already read the dates so.
 */
export async function rememberDateOrders(run: RecipeRun): Promise<RecipeRecord | null> {
  const recipe = withDateOrders(run.recipe, run.dateOrders)
  if (recipe === null) return null
  try {
    return await updateRecipe({ id: run.id, version: run.version, recipe })
  } catch (error) {
    if (!(error instanceof ConsoleHistoryError) || error.status !== 409) throw error
  }
  const current = await readRecipe(run.id)
  const rebased = withDateOrders(current.recipe, run.dateOrders)
  if (rebased === null) return null
  return updateRecipe({ id: run.id, version: current.version, recipe: rebased })
}

/** Keeps the orders and says so; a failure says the next refresh asks again. */
export function useRememberDateOrders() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: rememberDateOrders,
    onSuccess: (record, run) => {
      if (record === null) return
      notifications.show({ message: rememberedSentence(record.recipe, run.dateOrders) })
    },
    onError: (error, run) => {
      notifications.show({
        color: 'orange',
        message: `The date order you chose was not kept in the recipe "${run.recipe.name}", so its next refresh asks again: ${errorMessage(error)}`,
      })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: recipesQueryKey }),
  })
}
