// "Refresh with this recipe": which of this week's files stands for which of the recipe's
// sources, and what to set on each (ID column, conditions, the split), or why the recipe cannot apply.
// Pure, so the page's hook only carries the plan out through the workspace's actions.
import type { Recipe, RecipeSource, RowCondition } from '../../../../../contracts/recipe'
import { headerSignature } from '../../../../lib/reading-memory'
import type { CombineMode, SplitSettings } from '../../worker/types'

/** A dropped file as its first reading saw it. */
export interface DroppedReading {
  sourceId: string
  name: string
  columns: readonly string[]
  /** Null without a header row. */
  headerSignature: string | null
  /** A workbook's sheet names, and the one read; null for text. */
  sheets: readonly string[] | null
  sheet: string | null
}

/** What to set on one file so that it reads as the recipe's source did. */
export interface SourceStep {
  sourceId: string
  /** Index into the file's columns. */
  idColumn: number
  /** The recipe's conditions, naming the file's own spelling of each column. */
  conditions: RowCondition[]
}

export type RecipePlan =
  | {
      kind: 'plan'
      steps: SourceStep[]
      order: string[]
      combine: CombineMode
      /** "One segment per value of…" on the file that stands for the recipe's split source. */
      split: SplitSettings | null
    }
  /** Some workbooks must first be read from the sheet the recipe names; then plan again. */
  | { kind: 'sheets'; choices: { sourceId: string; sheet: number }[] }
  | { kind: 'refused'; sentence: string }

/** A header name as next week's export may spell it: case, spaces and invisible characters aside. */
export const sameName = (a: string, b: string) => headerSignature([a]) === headerSignature([b])

/**
 * The columns the recipe reads from its source at `index`: the ID column, each condition's, then
 * the split's when it splits this source, once each.
 * e.g. (Account ID where Renewal Status is Renewed, split by Plan Type) → ['Account ID', 'Renewal Status', 'Plan Type']
 */
export function columnsNeeded(recipe: Recipe, index: number): string[] {
  const source = recipe.sources[index]
  if (source === undefined) return []
  const split = recipe.split?.source === index ? [recipe.split.column] : []
  const needed = [
    source.idColumn,
    ...source.conditions.map((condition) => condition.column),
    ...split,
  ]
  return needed.filter((name, at) => needed.findIndex((other) => sameName(other, name)) === at)
}

function missingFrom(needed: readonly string[], file: DroppedReading): string[] {
  return needed.filter((name) => !file.columns.some((column) => sameName(column, name)))
}

/** 'a' → "'a'"; ['a', 'b', 'c'] → "'a', 'b' and 'c'" */
function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`)
  return quoted.length === 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many)

/** The file that best stands for `source`: the same header row, else the fewest columns missing. */
function bestFile(
  source: RecipeSource,
  needed: readonly string[],
  files: readonly DroppedReading[],
): DroppedReading | null {
  const same = files.find((file) => (file.headerSignature ?? '') === source.headerSignature)
  if (same !== undefined) return same
  let best: DroppedReading | null = null
  for (const file of files) {
    if (best === null || missingFrom(needed, file).length < missingFrom(needed, best).length) {
      best = file
    }
  }
  return best
}

/** Workbooks read from another sheet than one the recipe names, which they have. */
function sheetChoices(recipe: Recipe, files: readonly DroppedReading[]) {
  const wanted = recipe.sources.flatMap((source) => (source.sheet === null ? [] : [source]))
  return files.flatMap((file) => {
    if (file.sheets === null) return []
    const fits = recipe.sources.some(
      (source) => (file.headerSignature ?? '') === source.headerSignature,
    )
    if (fits) return []
    for (const source of wanted) {
      const sheet = file.sheets.findIndex((name) => sameName(name, source.sheet ?? ''))
      if (sheet !== -1 && !sameName(file.sheet ?? '', source.sheet ?? '')) {
        return [{ sourceId: file.sourceId, sheet }]
      }
    }
    return []
  })
}

/**
 * How this week's files take the recipe's place, or the sentence saying why they cannot.
 * e.g. (recipe reading Account ID where Renewal Status is Renewed, [a file without Renewal Status])
 * → { kind: 'refused', sentence: "This week's file tickets.csv has no column 'Renewal Status', …" }
 */
export function planRecipeRefresh(recipe: Recipe, files: readonly DroppedReading[]): RecipePlan {
  const { split } = recipe
  if (split !== null && recipe.sources[split.source] === undefined) {
    return {
      kind: 'refused',
      sentence: `The recipe "${recipe.name}" splits a file it does not read (file ${split.source + 1} of ${recipe.sources.length}): edit or import it again. Nothing was applied, and nothing will be sent.`,
    }
  }
  const count = recipe.sources.length
  if (files.length !== count) {
    return {
      kind: 'refused',
      sentence: `The recipe "${recipe.name}" reads ${count} ${plural(count, 'file', 'files')}, and ${files.length} ${plural(files.length, 'was', 'were')} dropped: drop this week's copy of each. Nothing was applied, and nothing will be sent.`,
    }
  }
  const choices = sheetChoices(recipe, files)
  if (choices.length > 0) return { kind: 'sheets', choices }
  const left = [...files]
  const steps: SourceStep[] = []
  let splitSettings: SplitSettings | null = null
  for (const [index, source] of recipe.sources.entries()) {
    const needed = columnsNeeded(recipe, index)
    const file = bestFile(source, needed, left)
    if (file === null) break
    const missing = missingFrom(needed, file)
    if (missing.length > 0) {
      return {
        kind: 'refused',
        sentence: `This week's file ${file.name} has no ${plural(missing.length, 'column', 'columns')} ${quotedList(missing)}, which the recipe "${recipe.name}" reads. Nothing was applied, and nothing will be sent.`,
      }
    }
    left.splice(left.indexOf(file), 1)
    const spelled = (name: string) => file.columns.find((column) => sameName(column, name)) ?? name
    steps.push({
      sourceId: file.sourceId,
      idColumn: file.columns.findIndex((column) => sameName(column, source.idColumn)),
      conditions: source.conditions.map((condition) => ({
        ...condition,
        column: spelled(condition.column),
      })),
    })
    if (split?.source === index) {
      const { tagPrefix, titlePattern } = split
      splitSettings = {
        sourceId: file.sourceId,
        column: spelled(split.column),
        tagPrefix,
        titlePattern,
      }
    }
  }
  return {
    kind: 'plan',
    steps,
    order: steps.map((step) => step.sourceId),
    combine: recipe.combine,
    split: splitSettings,
  }
}

/** A saved date condition of a refreshed file that waits for its day/month order. */
export interface DateQuestionLeft {
  /** The file whose card asks it. */
  source: string
  column: string
  question: string
}

/**
 * What a refresh says while some of its date conditions wait for their day/month order.
 * e.g. ('Renewals', [{ source: 'tickets.csv', column: 'Last Purchase', question: 'Is 02/11/2026 …?' }])
 * → '"Renewals" waits for one answer: on the card of tickets.csv, Is 02/11/2026 …? (the dates of
 *    "Last Purchase"). The recipe applies once you answer; nothing is sent until then.'
 */
export function dateQuestionsSentence(
  recipeName: string,
  questions: readonly DateQuestionLeft[],
): string {
  const count = questions.length
  const asked = questions
    .map(
      ({ source, column, question }) =>
        `on the card of ${source}, ${question} (the dates of "${column}")`,
    )
    .join('; ')
  return `"${recipeName}" waits for ${count === 1 ? 'one answer' : `${count} answers`}: ${asked}. The recipe applies once you answer; nothing is sent until then.`
}
