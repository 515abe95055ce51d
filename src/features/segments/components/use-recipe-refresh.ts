// "Refresh with this recipe": this week's files are read, matched to the recipe's sources
// (domain/recipes/apply-recipe.ts), and set up through the page's own actions, so the list, the
// split, the preview and the confirmation are exactly those of a marketer who did it by hand.
import { useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import type { Recipe } from '../../../../contracts/recipe'
import type { DateOrderAnswer } from '../../../lib/recipe-link'
import type { ReplaceSegmentInput } from '../api/replace-segment'
import {
  dateQuestionsSentence,
  planRecipeRefresh,
  type DateQuestionLeft,
  type DroppedReading,
  type RecipePlan,
} from '../domain/recipes/apply-recipe'
import { sheetName } from '../domain/recipes/capture-recipe'
import { answeredDateOrders } from '../domain/recipes/date-order-answers'
import { dateOrderToAsk } from '../domain/rows/date-order'
import type { SourceSummary } from '../worker/types'
import type { IdSources } from './use-id-sources'

export type RecipeRefreshState =
  | { status: 'idle' }
  | { status: 'applying' }
  | { status: 'applied'; sentence: string }
  /** Applied but for date conditions whose day/month order the sources' cards ask. */
  | { status: 'waiting'; sentence: string }
  | { status: 'refused'; sentence: string }

export interface RecipeRefresh {
  state: RecipeRefreshState
  /** Replaces the page's sources with `files`, read as `recipe` says; resolves once applied or refused. */
  refresh: (recipe: Recipe, files: readonly File[]) => Promise<void>
}

/** A recipe applied to this week's files, as the page's sources now stand. */
export interface AppliedRecipe {
  /** The day/month orders answered on the cards since, for the recipe to keep. */
  dateOrders: () => Promise<DateOrderAnswer[]>
}

type RefreshActions = Pick<
  IdSources,
  | 'clear'
  | 'readFiles'
  | 'remove'
  | 'readAgainWith'
  | 'setConditions'
  | 'columnProfiles'
  | 'arrange'
  | 'setSplit'
  | 'combined'
>

function dropped(summary: SourceSummary): DroppedReading {
  return {
    sourceId: summary.sourceId,
    name: summary.name,
    columns: summary.columns,
    headerSignature: summary.headerSignature,
    sheets: summary.workbook?.sheets.map((sheet) => sheet.name) ?? null,
    sheet: sheetName(summary),
  }
}

/** The plan for the files as read, after reading the sheets the recipe names where needed. */
async function planWithSheets(
  recipe: Recipe,
  ids: RefreshActions,
  read: SourceSummary[],
): Promise<{ plan: RecipePlan; read: SourceSummary[] }> {
  const plan = planRecipeRefresh(recipe, read.map(dropped))
  if (plan.kind !== 'sheets') return { plan, read }
  const reread = await Promise.all(
    plan.choices.map((choice) => ids.readAgainWith(choice.sourceId, { sheet: choice.sheet })),
  )
  const now = read.map(
    (summary) => reread.find((again) => again?.sourceId === summary.sourceId) ?? summary,
  )
  const again = planRecipeRefresh(recipe, now.map(dropped))
  return {
    read: now,
    plan:
      again.kind === 'sheets'
        ? {
            kind: 'refused',
            sentence: `The sheets the recipe "${recipe.name}" reads could not be found in this week's workbooks.`,
          }
        : again,
  }
}

/** The date questions a source's card asks of the recipe's conditions on this week's file. */
async function dateQuestionsOf(
  ids: RefreshActions,
  sourceId: string,
  source: string,
): Promise<DateQuestionLeft[]> {
  const view = await ids.columnProfiles(sourceId)
  if (view === null) return []
  return view.state.conditions.flatMap((condition) => {
    const asked = dateOrderToAsk(condition, view.columns)
    return asked === null ? [] : [{ source, column: condition.column, question: asked.question }]
  })
}

/**
 * The refresh's flow, beside the Segments page. `onApplied` is told once a recipe applied (the
 * page's sources are the recipe's), and null when a refresh starts (the earlier ones are gone);
 * the recipe ran when what it built is sent, which the page knows, not here.
 */
export function useRecipeRefresh(
  ids: RefreshActions,
  form: UseFormReturn<ReplaceSegmentInput>,
  onApplied: (applied: AppliedRecipe | null) => void,
): RecipeRefresh {
  const [state, setState] = useState<
    | Exclude<RecipeRefreshState, { status: 'waiting' }>
    /** applied: the sentence once every question is answered. */
    | { status: 'waiting'; sentence: string; applied: string }
  >({ status: 'idle' })

  const refresh = async (recipe: Recipe, files: readonly File[]) => {
    setState({ status: 'applying' })
    onApplied(null)
    ids.clear()
    const summaries = await ids.readFiles(files)
    const read = summaries.filter((summary) => summary !== null)
    const refuse = (sentence: string) => {
      for (const summary of read) ids.remove(summary.sourceId)
      setState({ status: 'refused', sentence })
    }
    if (read.length < files.length) {
      refuse('Some of the files could not be read (their cards said why). Nothing was applied.')
      return
    }
    const { plan, read: final } = await planWithSheets(recipe, ids, read)
    if (plan.kind !== 'plan') {
      refuse(plan.kind === 'refused' ? plan.sentence : '')
      return
    }
    const questions: DateQuestionLeft[] = []
    for (const step of plan.steps) {
      const summary = final.find((candidate) => candidate.sourceId === step.sourceId)
      if (summary !== undefined && summary.idColumn !== step.idColumn) {
        await ids.readAgainWith(step.sourceId, { idColumn: step.idColumn })
      }
      if (step.conditions.length === 0) continue
      await ids.setConditions(step.sourceId, step.conditions)
      questions.push(...(await dateQuestionsOf(ids, step.sourceId, summary?.name ?? '')))
    }
    await ids.arrange(plan.order, plan.combine)
    // Last, so that the split's segments start from the sources as the recipe filters them.
    if (plan.split !== null) ids.setSplit(plan.split)
    if (recipe.segment) {
      form.setValue('title', recipe.segment.title, { shouldValidate: true })
      form.setValue('tag', recipe.segment.tag, { shouldValidate: true })
    }
    // Read when asked (at the send), so it sees the answers given on the cards after this.
    const sources = plan.steps.map((step) => step.sourceId)
    onApplied({
      dateOrders: async () => {
        const views = await Promise.all(sources.map((sourceId) => ids.columnProfiles(sourceId)))
        return answeredDateOrders(
          recipe,
          views.map((view) => view?.state.conditions ?? null),
        )
      },
    })
    // Applied all the same: the answer on the card applies its condition, and the list, the split
    // and the confirmation follow it; until then the source blocks the upload.
    const applied = `"${recipe.name}" is applied to this week's files: check the list, then upload.`
    setState(
      questions.length > 0
        ? { status: 'waiting', sentence: dateQuestionsSentence(recipe.name, questions), applied }
        : { status: 'applied', sentence: applied },
    )
  }

  // Answered once no source blocks the list any more (the worker's word, not a copy of it here).
  const answered =
    state.status === 'waiting' && ids.combined !== null && ids.combined.blocking === undefined
  return {
    state: answered
      ? { status: 'applied', sentence: state.applied }
      : state.status === 'waiting'
        ? { status: 'waiting', sentence: state.sentence }
        : state,
    refresh,
  }
}
