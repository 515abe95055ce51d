// "Save as recipe": how the Segments page's list is built right now, as configuration only (the
// sources' header rows and sheets, ID columns, conditions, the combination, the split), never a
// row or an ID.
import type {
  Recipe,
  RecipeSegment,
  RecipeSplit,
  RowCondition,
} from '../../../../../contracts/recipe'
import { MAX_RECIPE_SOURCES } from '../../../../../contracts/recipe'
import type { CombineMode, SourceSummary, SplitSettings } from '../../worker/types'

/** A recipe without its name and notes, which the marketer gives when saving it. */
export type CapturedRecipe = Omit<Recipe, 'name' | 'notes'>

export type RecipeCapture =
  { kind: 'captured'; recipe: CapturedRecipe } | { kind: 'refused'; sentence: string }

/** One source as the page holds it when the recipe is saved, in the combination's order. */
export interface CapturedSource {
  summary: SourceSummary
  conditions: readonly RowCondition[]
}

/** The sheet a workbook source was read from, by name; null for text. */
export function sheetName(summary: SourceSummary): string | null {
  const workbook = summary.workbook
  return workbook === null ? null : (workbook.sheets[workbook.sheet]?.name ?? null)
}

/**
 * The recipe of the page's sources, or why there is none to save. With a split, the recipe keeps
 * it (its source by place in the combination) and sends no single segment.
 * e.g. ([tickets.csv with Plan Type is one of Full Season], 'union', {title, tag}, null) →
 * { kind: 'captured', recipe: { sources: [{ columns, idColumn: 'Account ID', conditions, … }], … } }
 */
export function captureRecipe(
  sources: readonly CapturedSource[],
  combine: CombineMode,
  segment: RecipeSegment | null,
  split: SplitSettings | null,
): RecipeCapture {
  if (sources.length === 0) {
    return {
      kind: 'refused',
      sentence: 'Add this week’s files first: a recipe is built from them.',
    }
  }
  if (sources.length > MAX_RECIPE_SOURCES) {
    return {
      kind: 'refused',
      sentence: `A recipe reads at most ${MAX_RECIPE_SOURCES} files; this list has ${sources.length}.`,
    }
  }
  const pasted = sources.find(({ summary }) => summary.kind !== 'file')
  if (pasted !== undefined) {
    return {
      kind: 'refused',
      sentence: `"${pasted.summary.name}" is not a file, so next week's cannot be dropped in its place. Remove it, or save it as a file and add that.`,
    }
  }
  let recipeSplit: RecipeSplit | null = null
  if (split !== null) {
    const source = sources.findIndex(({ summary }) => summary.sourceId === split.sourceId)
    if (source === -1) {
      return {
        kind: 'refused',
        sentence: 'The file split into one segment per value is not in the list: add it again.',
      }
    }
    const { column, tagPrefix, titlePattern } = split
    recipeSplit = { source, column, tagPrefix, titlePattern }
  }
  return {
    kind: 'captured',
    recipe: {
      version: 1,
      sources: sources.map(({ summary, conditions }) => ({
        columns: summary.columns,
        headerSignature: summary.headerSignature ?? '',
        sheet: sheetName(summary),
        idColumn: summary.columns[summary.idColumn] ?? '',
        conditions: [...conditions],
      })),
      combine,
      split: recipeSplit,
      segment: recipeSplit === null && segment !== null && segment.tag !== '' ? segment : null,
    },
  }
}
