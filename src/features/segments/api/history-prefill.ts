import { queryOptions } from '@tanstack/react-query'
import { consoleHistory, consoleHistoryText } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'
import type { TeamRecord } from '../../../lib/team-history-record'

/**
 * A past upload of the team to start the form from (History's "Refresh this segment"), with its
 * kept ID list, in upload order, when `withIds` (History's "Restore this version"); null when it
 * is not a segment upload. The list stays the JSON text the history answers: the segments worker
 * parses it, so the page never holds a million-element array. `recordId` '' asks nothing.
 * e.g. → { record: { tag: 'vip', userIdCount: 2, … }, keptJson: '["12","0012"]' }
 */
export function historyPrefillQueryOptions(recordId: string, withIds: boolean) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'prefill', recordId, withIds],
    enabled: recordId !== '',
    gcTime: 0,
    retry: false,
    queryFn: async () => {
      const path = `/records/${encodeURIComponent(recordId)}`
      const { record } = await consoleHistory<{ record: TeamRecord }>(path)
      if (record.kind !== 'segment' || record.tag === null) return null
      const keptJson = withIds ? await consoleHistoryText(`${path}/ids`) : null
      return { record, keptJson }
    },
  })
}
