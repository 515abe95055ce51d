// What the Recipes page says about each recipe: who made and changed it, when it last ran,
// what it reads, and the names a duplicate and an exported file get.
import type { Recipe, RecipeActor, RecipeRecord } from '../../../../contracts/recipe'
import { RECIPE_COMBINE_WORDS } from '../../../lib/recipe-link'

/** A person for a sentence, e.g. {name: 'Jane Doe'} → 'Jane Doe'; a token without a name → 'an unnamed token'. */
export function actorName(actor: RecipeActor): string {
  return actor.name ?? actor.sub ?? 'an unnamed token'
}

/**
 * The recipe's rows on the Recipes page: made, changed (when someone changed it since) and run.
 * e.g. → { made: 'Jane Doe, 1 Dec 2026, 09:12', changed: null, ran: 'never' }
 */
export function recipeRow(
  record: RecipeRecord,
  format: (iso: string) => string,
): { made: string; changed: string | null; ran: string } {
  return {
    made: `${actorName(record.createdBy)}, ${format(record.createdAt)}`,
    changed:
      record.version === 1 ? null : `${actorName(record.updatedBy)}, ${format(record.updatedAt)}`,
    ran:
      record.lastRun === null
        ? 'Never'
        : `${actorName(record.lastRun.by)}, ${format(record.lastRun.at)}`,
  }
}

/**
 * What a recipe reads, in a line.
 * e.g. one source with 2 conditions → '1 file, 2 conditions'; 2 files → '2 files (the first minus the others), 1 condition';
 * split → '1 file, 0 conditions, one segment per value of Plan Type'
 */
export function recipeReads(recipe: Recipe): string {
  const files = recipe.sources.length
  const conditions = recipe.sources.reduce((sum, source) => sum + source.conditions.length, 0)
  const fileWords =
    files === 1 ? '1 file' : `${files} files (${RECIPE_COMBINE_WORDS[recipe.combine]})`
  const split = recipe.split === null ? '' : `, one segment per value of ${recipe.split.column}`
  return `${fileWords}, ${conditions} ${conditions === 1 ? 'condition' : 'conditions'}${split}`
}

/** A duplicate's name, within the 200 characters a name may have, e.g. 'Renewals' → 'Copy of Renewals'. */
export function copyName(name: string): string {
  return `Copy of ${name}`.slice(0, 200)
}

/**
 * The exported file's name, letters and digits only.
 * e.g. 'Full Season renewals!' → 'recipe-full-season-renewals.json'
 */
export function recipeFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .join('-')
    .slice(0, 80)
  return `recipe${slug === '' ? '' : `-${slug}`}.json`
}
