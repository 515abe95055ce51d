import { queryOptions } from '@tanstack/react-query'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { loadHistoryDb } from '../../../lib/history/load-history-db'

/**
 * A past upload to start the form from (History's "Refresh this segment"), with its kept ID list
 * when `withIds` (History's "Restore this version"); null when it is not a segment upload.
 */
export function historyPrefillQueryOptions(submissionId: number, withIds: boolean) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'prefill', submissionId, withIds],
    enabled: submissionId > 0,
    gcTime: 0,
    queryFn: async () => {
      const history = await loadHistoryDb()
      const submission = await history.getSubmission(submissionId)
      if (!submission || submission.kind !== 'segment') return null
      const ids = withIds ? await history.getIdList(submissionId) : null
      return { submission, ids }
    },
  })
}
