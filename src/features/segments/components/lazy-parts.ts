// The Segments page's parts that are not on its first screen (a page with no source yet): each is
// a chunk of its own, fetched once the page is idle after that screen, or when first shown if that
// comes sooner. Render them inside a LazyBoundary.
import { useEffect } from 'react'
import { lazyPart } from '../../../lib/lazy-part'
import { whenIdle } from '../../../lib/when-idle'

export const RecipeRefreshCard = lazyPart(
  async () => (await import('./recipe-refresh-card')).RecipeRefreshCard,
)
export const CombineControl = lazyPart(
  async () => (await import('./combine-control')).CombineControl,
)
export const TableSourceTools = lazyPart(
  async () => (await import('./table-source-tools')).TableSourceTools,
)
export const SplitTable = lazyPart(async () => (await import('./split-table')).SplitTable)
export const ConfirmReplaceDialog = lazyPart(
  async () => (await import('./confirm-replace-dialog')).ConfirmReplaceDialog,
)
export const BatchConfirmDialog = lazyPart(
  async () => (await import('./batch-confirm-dialog')).BatchConfirmDialog,
)
export const BatchResult = lazyPart(async () => (await import('./batch-result')).BatchResult)
export const SaveRecipeModal = lazyPart(
  async () => (await import('./save-recipe-modal')).SaveRecipeModal,
)

const laterParts = [
  TableSourceTools,
  CombineControl,
  ConfirmReplaceDialog,
  SaveRecipeModal,
  SplitTable,
  BatchConfirmDialog,
  BatchResult,
  RecipeRefreshCard,
]

/** Fetches every later part once the first screen is drawn and the page is idle. */
export function usePreloadLaterParts(): void {
  useEffect(
    () =>
      whenIdle(() => {
        for (const part of laterParts) {
          // A part whose chunk does not arrive says so in its LazyBoundary when it is shown.
          part.preload().catch(() => undefined)
        }
      }),
    [],
  )
}
