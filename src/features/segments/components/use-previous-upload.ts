import { useQuery } from '@tanstack/react-query'
import { loadHistoryDb } from '../../../lib/history/load-history-db'
import type { IngestClient } from '../../../lib/ingest/ingest-client'

export interface SegmentDiff {
  previousAt: Date
  previousSize: number
  added: number
  removed: number
  unchanged: number
}

/**
 * The difference between the list about to be sent and this console's last successful upload of
 * the same tag. Compared inside the worker, where the new list already lives.
 */
export function usePreviousUpload(
  client: IngestClient,
  tag: string,
  listVersion: number,
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['previous-upload', tag, listVersion],
    enabled,
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
