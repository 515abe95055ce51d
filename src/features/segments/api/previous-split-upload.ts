import { queryOptions } from '@tanstack/react-query'
import { historyQueryKey } from '../../../lib/history/history-queries'
import type { PreviousListDiff } from '../worker/segment-workspace'
import { historyReadQueue, previousUploadQueryOptions } from './previous-upload'

const tableReads = historyReadQueue()

/**
 * The difference between one segment of a split (lists version `listVersion`) and the team's last
 * accepted upload of its tag, fetched as the single-tag confirmation does and compared in the
 * worker; null when the team never uploaded the tag. Keyed apart from the single list's query,
 * whose version counts another list.
 */
export function previousSplitUploadQueryOptions(
  diffSegmentAgainst: (tag: string, kept: ArrayBuffer) => Promise<PreviousListDiff>,
  tag: string,
  listVersion: number,
) {
  const single = previousUploadQueryOptions(
    (kept) => diffSegmentAgainst(tag, kept),
    tag,
    listVersion,
    tableReads,
  )
  return queryOptions({
    ...single,
    queryKey: [...historyQueryKey, 'previous-split-upload', tag, listVersion],
  })
}
