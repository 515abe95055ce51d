import { queryOptions } from '@tanstack/react-query'
import {
  listRestorableSubmissionIds,
  listSubmissions,
  type SubmissionRecord,
} from '../../../lib/history/history-db'

/** Invalidate this after recording a submission: queryClient.invalidateQueries({ queryKey: historyQueryKey }). */
export const historyQueryKey = ['history'] as const

export interface HistoryData {
  /** Newest first. */
  submissions: SubmissionRecord[]
  /** Submissions whose ID list is still kept, so "Restore this version" can work. */
  restorableIds: number[]
}

async function loadHistory(): Promise<HistoryData> {
  const [submissions, restorableIds] = await Promise.all([
    listSubmissions(),
    listRestorableSubmissionIds(),
  ])
  return { submissions, restorableIds }
}

export function historyQueryOptions() {
  return queryOptions({ queryKey: historyQueryKey, queryFn: loadHistory })
}
