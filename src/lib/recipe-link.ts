// The link between the Recipes and Segments features: the Recipes feature gives the Segments
// page what it needs of the team's recipes, and the app passes it on.
import type { DateOrder, Recipe } from '../../contracts/recipe'

/** The recipe "Refresh with this recipe" opened the Segments page with, as far as it is read. */
export type RecipeToRun =
  | { state: 'loading' }
  | { state: 'failed'; sentence: string }
  /** version: the one read, which a change the run brings back to the recipe starts from. */
  | { state: 'ready'; id: string; version: number; recipe: Recipe }

/**
 * A day/month order the marketer answered on a card while refreshing a recipe, for the recipe to
 * keep: on the date conditions of its source `source` (by place) reading `column`, whose order was
 * `was` when the recipe was read (null: none), so a colleague's newer choice is never written over.
 */
export interface DateOrderAnswer {
  source: number
  column: string
  was: DateOrder | null
  order: DateOrder
}

/** A run of a recipe whose segments FanPass accepted. */
export interface RecipeRun {
  id: string
  /** The recipe as the run read it, and its version. */
  version: number
  recipe: Recipe
  /** The orders answered on this run's cards; empty when nothing was asked. */
  dateOrders: readonly DateOrderAnswer[]
}

/** What the Segments page does with team recipes. Rejections carry a sentence as their message. */
export interface SegmentRecipes {
  /** Keeps the page's configuration as a new recipe of the team. */
  save: (recipe: Recipe) => Promise<void>
  /** Null when the page was not opened to refresh a recipe. */
  toRun: RecipeToRun | null
  /** Notes that this marketer ran the recipe now, and keeps the date orders they answered. */
  markRun: (run: RecipeRun) => void
  /** Leaves the refresh: the page goes on without a recipe. */
  dismiss: () => void
}

/** How a recipe's files combine, in words both pages use. */
export const RECIPE_COMBINE_WORDS: Record<Recipe['combine'], string> = {
  union: 'every ID in any of them',
  intersection: 'the IDs in all of them',
  subtract: 'the first minus the others',
}
