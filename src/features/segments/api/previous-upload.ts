import { queryOptions } from '@tanstack/react-query'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { loadHistoryDb } from '../../../lib/history/load-history-db'
import type { SegmentWorkerClient } from '../worker/segment-worker-client'

export interface SegmentDiff {
  previousAt: Date
  previousSize: number
  added: number
  removed: number
  unchanged: number
}

/**
 * The difference between the final list (version `listVersion`) and this browser's last
 * successful upload of the same tag; null when there is none. Compared inside the worker, where
 * the new list already lives. Under History's key, so recording an upload makes it stale.
 */
export function previousUploadQueryOptions(
  client: SegmentWorkerClient,
  tag: string,
  listVersion: number,
) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'previous-upload', tag, listVersion],
    gcTime: 0,
    queryFn: async (): Promise<SegmentDiff | null> => {
      const previous = await (await loadHistoryDb()).getLatestSucceededSegment(tag)
      if (!previous) return null
      const diff = await client.diffAgainst(previous.ids)
      return {
        previousAt: new Date(previous.submission.createdAt),
        previousSize: previous.ids.length,
        ...diff,
      }
    },
  })
}
