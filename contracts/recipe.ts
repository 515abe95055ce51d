// A team recipe: how a batch of segments is built from this week's exports, kept in the team
// history's database and exported/imported as JSON. Configuration only (column names, operators,
// the values picked or typed), never rows or IDs, so every string and list is bounded: a recipe is
// a few KB, and an imported file cannot smuggle an export into the database.
import * as z from 'zod/mini'

/** Header names, sheet names, picked values: a cell of a real export is far shorter. */
const MAX_NAME = 500
/** Values ticked in one "is one of" condition; a longer pick is a list of IDs, not a filter. */
export const MAX_PICKED_VALUES = 1_000
export const MAX_CONDITIONS = 50
export const MAX_RECIPE_SOURCES = 20
export const MAX_RECIPE_NAME = 200
export const MAX_RECIPE_NOTES = 1_000
/** Characters of an imported recipe file: generous for the bounds above, small enough to read at once. */
export const MAX_RECIPE_JSON_CHARS = 2_000_000

const name = z.string().check(z.maxLength(MAX_NAME))
/** A calendar day as ISO YYYY-MM-DD: the date conditions compare days, never times. */
const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Write dates as YYYY-MM-DD.'))

/**
 * The day/month order a column's dates were read in, when the data could not decide it and the
 * marketer was asked: saved so next week's file reads the same way.
 */
export const dateOrderSchema = z.enum(['dayFirst', 'monthFirst'])
export type DateOrder = z.infer<typeof dateOrderSchema>

const textCondition = z.union([
  z.object({
    kind: z.literal('text'),
    column: name,
    op: z.enum(['isOneOf', 'isNotOneOf']),
    values: z.array(name).check(z.maxLength(MAX_PICKED_VALUES)),
  }),
  z.object({
    kind: z.literal('text'),
    column: name,
    op: z.enum(['contains', 'startsWith']),
    text: name,
  }),
  z.object({ kind: z.literal('text'), column: name, op: z.enum(['isEmpty', 'isNotEmpty']) }),
])

const finite = z.number().check(z.refine(Number.isFinite, 'Enter a number.'))

const numberCondition = z.union([
  z.object({
    kind: z.literal('number'),
    column: name,
    op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge']),
    value: finite,
  }),
  z.object({
    kind: z.literal('number'),
    column: name,
    op: z.literal('between'),
    min: finite,
    max: finite,
  }),
])

const dateOrder = z.optional(dateOrderSchema)

const dateCondition = z.union([
  z.object({
    kind: z.literal('date'),
    column: name,
    op: z.enum(['before', 'after']),
    date: isoDay,
    order: dateOrder,
  }),
  z.object({
    kind: z.literal('date'),
    column: name,
    op: z.literal('between'),
    from: isoDay,
    to: isoDay,
    order: dateOrder,
  }),
  z.object({
    kind: z.literal('date'),
    column: name,
    op: z.literal('inLastDays'),
    days: z.number().check(z.int(), z.minimum(1), z.maximum(36_600)),
    order: dateOrder,
  }),
])

/** One "Keep rows where…" condition; conditions combine with AND. */
export const rowConditionSchema = z.union([textCondition, numberCondition, dateCondition])
export type RowCondition = z.infer<typeof rowConditionSchema>

/** A source as the reading memory knows it: its header row and, for a workbook, its sheet. */
export const recipeSourceSchema = z.object({
  /** The header names in order, as the file had them when the recipe was saved. */
  columns: z.array(name).check(z.minLength(1), z.maxLength(1_000)),
  /** headerSignature(columns): how next week's file is recognised (lib/reading-memory.ts). */
  headerSignature: z.string().check(z.maxLength(MAX_NAME * 1_000)),
  sheet: z.nullable(name),
  idColumn: name,
  conditions: z.array(rowConditionSchema).check(z.maxLength(MAX_CONDITIONS)),
})
export type RecipeSource = z.infer<typeof recipeSourceSchema>

/** "One segment per value of…": the column, the tag rule's prefix and the title pattern. */
export const recipeSplitSchema = z.object({
  /** Index into `sources` of the source whose rows are split. */
  source: z.number().check(z.int(), z.nonnegative()),
  column: name,
  tagPrefix: z
    .string()
    .check(
      z.maxLength(100),
      z.regex(/^[A-Za-z0-9]*$/, 'A tag prefix may contain only letters and digits.'),
    ),
  /** `{value}` stands for the column's value, e.g. "Plan: {value}". */
  titlePattern: z.string().check(z.minLength(1), z.maxLength(200)),
})
export type RecipeSplit = z.infer<typeof recipeSplitSchema>

/** The segment form's title and tag (the tag as FanPass takes it: letters and digits). */
export const recipeSegmentSchema = z.object({
  title: z.string().check(z.maxLength(200)),
  tag: z
    .string()
    .check(
      z.maxLength(200),
      z.regex(/^[A-Za-z0-9]*$/, 'A tag may contain only letters and digits.'),
    ),
})
export type RecipeSegment = z.infer<typeof recipeSegmentSchema>

export const recipeSchema = z.object({
  version: z.literal(1),
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Give the recipe a name.'), z.maxLength(MAX_RECIPE_NAME)),
  /** In the order they are combined: Subtract takes the later sources from the first. */
  sources: z.array(recipeSourceSchema).check(z.minLength(1), z.maxLength(MAX_RECIPE_SOURCES)),
  combine: z.enum(['union', 'intersection', 'subtract']),
  split: z.nullable(recipeSplitSchema),
  /**
   * The one segment a recipe without a split sends: its title and tag, as the form had them.
   * Optional, so that a file exported before it existed still imports.
   */
  segment: z.optional(z.nullable(recipeSegmentSchema)),
  notes: z.string().check(z.maxLength(MAX_RECIPE_NOTES)),
})
export type Recipe = z.infer<typeof recipeSchema>

export type RecipeImport =
  { kind: 'recipe'; recipe: Recipe } | { kind: 'invalid'; sentence: string }

/**
 * The JSON file a recipe is exported as.
 * e.g. exportRecipe(recipe) → '{\n  "version": 1,\n  "name": "Renewals by plan", …'
 */
export function exportRecipe(recipe: Recipe): string {
  return JSON.stringify(recipeSchema.parse(recipe), null, 2)
}

/**
 * Reads an exported recipe back; anything else gets a sentence, never an exception.
 * e.g. importRecipe('{"version":1,…}') → { kind: 'recipe', recipe }; importRecipe('[]') → { kind: 'invalid', … }
 */
export function importRecipe(json: string): RecipeImport {
  if (json.length > MAX_RECIPE_JSON_CHARS) {
    return { kind: 'invalid', sentence: 'This file is too large to be a recipe.' }
  }
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    return { kind: 'invalid', sentence: 'This file is not a recipe: it is not JSON.' }
  }
  const parsed = recipeSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where =
      issue === undefined || issue.path.length === 0 ? '' : ` (at ${issue.path.join('.')})`
    const reason = (issue?.message ?? 'unknown problem').replace(/[.!?]$/, '')
    return {
      kind: 'invalid',
      sentence: `This file is not a recipe this console can read${where}: ${reason}.`,
    }
  }
  return { kind: 'recipe', recipe: parsed.data }
}

/** Who did something to a recipe, read from their token as the history records actors. */
export const recipeActorSchema = z.object({
  name: z.nullable(z.string()),
  sub: z.nullable(z.string()),
})
export type RecipeActor = z.infer<typeof recipeActorSchema>

const isoTime = z.iso.datetime()

/** A recipe as the team history keeps it: the configuration, who made and changed it, its last run. */
export const recipeRecordSchema = z.object({
  id: z.uuid(),
  /** 1 when created, one more at each saved edit; an edit must name the version it started from. */
  version: z.number().check(z.int(), z.positive()),
  recipe: recipeSchema,
  createdAt: isoTime,
  createdBy: recipeActorSchema,
  updatedAt: isoTime,
  updatedBy: recipeActorSchema,
  /** When the recipe was last applied to a week's files, and by whom; null before its first run. */
  lastRun: z.nullable(z.object({ at: isoTime, by: recipeActorSchema })),
})
export type RecipeRecord = z.infer<typeof recipeRecordSchema>

export const recipeListAnswerSchema = z.object({ recipes: z.array(recipeRecordSchema) })
export const recipeAnswerSchema = z.object({ recipe: recipeRecordSchema })
export const recipeDeletedAnswerSchema = z.object({ ok: z.literal(true) })

/** POST /console/history/recipes */
export const createRecipeBodySchema = z.object({ recipe: recipeSchema })
/** PUT /console/history/recipes/:id: `version` is the one the edit started from. */
export const updateRecipeBodySchema = z.object({
  recipe: recipeSchema,
  version: z.number().check(z.int(), z.positive()),
})
