import { queryOptions } from '@tanstack/react-query'
import type { SubmissionRecord } from './history-db'
import { loadHistoryDb } from './load-history-db'

/** Every history query starts with this key, so a writer invalidates them all at once. */
export const historyQueryKey = ['history'] as const

export interface HistoryData {
  /** Newest first. */
  submissions: SubmissionRecord[]
  /** Submissions whose ID list is still kept, so "Restore this version" can work. */
  restorableIds: number[]
}

async function loadHistory(): Promise<HistoryData> {
  const history = await loadHistoryDb()
  const [submissions, restorableIds] = await Promise.all([
    history.listSubmissions(),
    history.listRestorableSubmissionIds(),
  ])
  return { submissions, restorableIds }
}

/** The whole history list, as the History page shows it. */
export function historyQueryOptions() {
  return queryOptions({ queryKey: [...historyQueryKey, 'list'], queryFn: loadHistory })
}
