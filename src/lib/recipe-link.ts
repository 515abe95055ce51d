// The link between the Recipes and Segments features: the Recipes feature gives the Segments
// page what it needs of the team's recipes, and the app passes it on.
import type { Recipe } from '../../contracts/recipe'

/** The recipe "Refresh with this recipe" opened the Segments page with, as far as it is read. */
export type RecipeToRun =
  | { state: 'loading' }
  | { state: 'failed'; sentence: string }
  | { state: 'ready'; id: string; recipe: Recipe }

/** What the Segments page does with team recipes. Rejections carry a sentence as their message. */
export interface SegmentRecipes {
  /** Keeps the page's configuration as a new recipe of the team. */
  save: (recipe: Recipe) => Promise<void>
  /** Null when the page was not opened to refresh a recipe. */
  toRun: RecipeToRun | null
  /** Notes that this marketer ran the recipe now. */
  markRun: (id: string) => void
  /** Leaves the refresh: the page goes on without a recipe. */
  dismiss: () => void
}

/** How a recipe's files combine, in words both pages use. */
export const RECIPE_COMBINE_WORDS: Record<Recipe['combine'], string> = {
  union: 'every ID in any of them',
  intersection: 'the IDs in all of them',
  subtract: 'the first minus the others',
}
