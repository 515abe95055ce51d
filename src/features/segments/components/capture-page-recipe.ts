import type { RecipeSegment } from '../../../../contracts/recipe'
import { captureRecipe, type RecipeCapture } from '../domain/recipes/capture-recipe'
import type { SourceSummary } from '../worker/types'
import type { IdSources } from './use-id-sources'

/**
 * The recipe of the page as it stands: its sources in the combination's order, each with the
 * conditions the worker holds for it, the split if any, and the form's segment.
 */
export async function capturePageRecipe(
  ids: Pick<IdSources, 'sources' | 'combined' | 'mode' | 'columnProfiles' | 'split'>,
  segment: RecipeSegment,
): Promise<RecipeCapture> {
  if (ids.sources.some((source) => source.status === 'reading')) {
    return { kind: 'refused', sentence: 'Wait until every file is read, then save the recipe.' }
  }
  const ready = new Map<string, SourceSummary>()
  for (const source of ids.sources) {
    if (source.status === 'ready') ready.set(source.sourceId, source.summary)
  }
  const ordered = (ids.combined?.perSource ?? []).flatMap(({ sourceId }) => {
    const summary = ready.get(sourceId)
    return summary === undefined ? [] : [summary]
  })
  const sources = await Promise.all(
    ordered.map(async (summary) => ({
      summary,
      conditions: (await ids.columnProfiles(summary.sourceId))?.state.conditions ?? [],
    })),
  )
  return captureRecipe(sources, ids.mode, segment, ids.split?.settings ?? null)
}
