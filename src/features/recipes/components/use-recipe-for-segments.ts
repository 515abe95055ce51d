// The recipes as the Segments page uses them (the app hands this to it): "Save as recipe", and
// the recipe "Refresh with this recipe" opened the page with (?recipe=<id>).
import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { errorMessage } from '../../../lib/format'
import type { RecipeToRun, SegmentRecipes } from '../../../lib/recipe-link'
import { useSessionToken } from '../../../lib/session-token'
import { useCreateRecipe } from '../api/create-recipe'
import { useMarkRecipeRun } from '../api/mark-recipe-run'
import { recipeQueryOptions } from '../api/recipe-queries'
import { useRememberDateOrders } from '../api/remember-date-orders'

/** The query parameter "Refresh with this recipe" opens Segments with. */
export const RECIPE_PARAM = 'recipe'

export function useRecipesForSegments(): SegmentRecipes {
  const session = useSessionToken()
  const [searchParams, setSearchParams] = useSearchParams()
  const id = searchParams.get(RECIPE_PARAM)
  const recipe = useQuery(recipeQueryOptions(session, id))
  const create = useCreateRecipe()
  const markRun = useMarkRecipeRun()
  const remember = useRememberDateOrders()

  let toRun: RecipeToRun | null = null
  if (id !== null) {
    if (recipe.data) {
      toRun = { state: 'ready', id, version: recipe.data.version, recipe: recipe.data.recipe }
    } else if (recipe.error) toRun = { state: 'failed', sentence: errorMessage(recipe.error) }
    else if (session.token === '') {
      toRun = {
        state: 'failed',
        sentence: 'Connect with your FanPass API token to read the recipe.',
      }
    } else toRun = { state: 'loading' }
  }
  return {
    save: async (saved) => {
      await create.mutateAsync(saved)
    },
    toRun,
    markRun: (run) => {
      markRun.mutate(run.id)
      // The orders are written once FanPass accepted what they built (the page calls this then),
      // not at the answer: an answer the marketer takes back, or never sends, stays off the
      // team's recipe, and a refresh changes the recipe once however many questions it asked.
      if (run.dateOrders.length > 0) remember.mutate(run)
    },
    dismiss: () =>
      setSearchParams(
        (params) => {
          params.delete(RECIPE_PARAM)
          return params
        },
        { replace: true },
      ),
  }
}
