// A source card's "Keep rows where…" state: the columns and conditions the worker holds for the
// source, loaded when the card shows the source's reading, and the conditions changed through it.
import { useCallback, useEffect, useState } from 'react'
import type { RowCondition } from '../../../../contracts/recipe'
import type { KeptRowsState, ValueRows } from '../worker/rows/source-rows'
import type { KeptRowsView } from '../worker/segment-workspace'

/** The worker's answers the section needs (IdSources' named actions). */
export interface KeepRowsActions {
  columnProfiles: (sourceId: string) => Promise<KeptRowsView | null>
  searchColumnValues: (
    sourceId: string,
    column: string,
    query: string,
  ) => Promise<{ matches: ValueRows[]; more: boolean }>
  setConditions: (sourceId: string, conditions: RowCondition[]) => Promise<KeptRowsState>
  /** Counts conditions set on any source, by any part of the page (a recipe too): the view reloads. */
  conditionsRevision?: number
}

export interface KeepRows {
  /** Null until the worker answers, and for a source without rows to filter. */
  view: KeptRowsView | null
  search: (column: string, query: string) => Promise<{ matches: ValueRows[]; more: boolean }>
  add: (condition: RowCondition) => void
  remove: (index: number) => void
  replace: (index: number, condition: RowCondition) => void
}

/** `reading`: the source's summary, so a new reading of it (another ID column) loads again. */
export function useKeepRows(
  sourceId: string,
  reading: unknown,
  actions: KeepRowsActions,
): KeepRows {
  const [view, setView] = useState<KeptRowsView | null>(null)
  const { columnProfiles, searchColumnValues, setConditions, conditionsRevision } = actions

  useEffect(() => {
    let current = true
    void columnProfiles(sourceId).then((answer) => {
      if (current) setView(answer)
    })
    return () => {
      current = false
    }
  }, [sourceId, reading, columnProfiles, conditionsRevision])

  const search = useCallback(
    (column: string, query: string) => searchColumnValues(sourceId, column, query),
    [sourceId, searchColumnValues],
  )

  const change = (next: RowCondition[]) => {
    void setConditions(sourceId, next).then((state) =>
      setView((shown) => (shown === null ? null : { ...shown, state })),
    )
  }
  const conditions = view?.state.conditions ?? []
  return {
    view,
    search,
    add: (condition) => change([...conditions, condition]),
    remove: (index) => change(conditions.filter((_, at) => at !== index)),
    replace: (index, condition) =>
      change(conditions.map((existing, at) => (at === index ? condition : existing))),
  }
}
