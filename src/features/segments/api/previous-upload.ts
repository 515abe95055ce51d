import { queryOptions, type Query } from '@tanstack/react-query'
import pLimit, { type LimitFunction } from 'p-limit'
import { latestRecordAnswerSchema } from '../../../../contracts/history'
import { consoleHistoryBytes, readConsoleHistory } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { recordedBy, whoseUpload } from '../../../lib/team-history-record'
import type { PreviousListDiff } from '../worker/segment-workspace'

/**
 * Comparisons read from the team history at once by one part of the page: a split's confirmation
 * compares every tag, 30 or more, and the console's server answers each read with a query and a
 * list; more at once only queue there, behind other marketers' reads.
 */
export const HISTORY_READS_AT_ONCE = 4

/**
 * A queue of history reads, HISTORY_READS_AT_ONCE at a time. The confirmations share one; the
 * split's table has its own, so a marketer who presses Upload never waits behind the table.
 */
export function historyReadQueue(): LimitFunction {
  return pLimit(HISTORY_READS_AT_ONCE)
}

const confirmationReads = historyReadQueue()

/**
 * How often a comparison asks again while the team's last list is still being stored: the
 * console's server answers the upload first and stores its list after (seconds for a million
 * IDs), so a marketer who drops next week's file right away would otherwise keep that sentence.
 */
const STILL_STORING_RECHECK_MS = 2_000
/**
 * Five minutes of asking, far past the longest store (10M IDs): a list stuck 'storing' (its
 * database went away mid-store) is then left as said, not polled for as long as a page is open.
 */
export const STILL_STORING_RECHECKS = 150

/** The tag's last list is recorded but not stored yet: true now, and soon not. */
class ListStillStoringError extends Error {}

export interface SegmentDiff {
  /** The record compared against: a send carries it, so the server can tell it went stale. */
  recordId: string
  previousAt: Date
  /** The previous upload named for a sentence: "Jane Doe's upload", or how it got there. */
  previousUpload: string
  previousSize: number
  added: number
  removed: number
  unchanged: number
}

/** Compares the final list with a kept list, the bytes of the JSON array the history answers. */
export type DiffAgainstKept = (kept: ArrayBuffer) => Promise<PreviousListDiff>

/**
 * The difference between the final list (version `listVersion`; a batch's segment names its
 * confirmation instead, e.g. 'batch:…') and the team's last accepted
 * upload of the same tag, by anyone; null when there is none. The previous list comes from the
 * console's server as bytes; `diffAgainstKept` compares them inside the worker, where the new
 * list already lives. Rejects with the server's sentence when the history cannot be read (the dialog
 * says why).
 */
export function previousUploadQueryOptions(
  diffAgainstKept: DiffAgainstKept,
  tag: string,
  listVersion: number | string,
  reads: LimitFunction = confirmationReads,
) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'previous-upload', tag, listVersion],
    gcTime: 0,
    retry: false,
    refetchInterval: (query: Query<SegmentDiff | null>) =>
      query.state.error instanceof ListStillStoringError &&
      query.state.errorUpdateCount <= STILL_STORING_RECHECKS
        ? STILL_STORING_RECHECK_MS
        : false,
    // Reading `signal` lets the query be cancelled when its dialog closes: a comparison still
    // queued then never reads.
    queryFn: ({ signal }): Promise<SegmentDiff | null> =>
      reads(async () => {
        signal.throwIfAborted()
        return compareWithLatest(diffAgainstKept, tag)
      }),
  })
}

/** The comparison itself: the tag's latest record, its kept list, and the worker's diff. */
async function compareWithLatest(
  diffAgainstKept: DiffAgainstKept,
  tag: string,
): Promise<SegmentDiff | null> {
  const { record } = await readConsoleHistory(
    `/tags/${encodeURIComponent(tag)}/latest`,
    latestRecordAnswerSchema,
  )
  if (!record) return null
  if (record.listState === 'lost') {
    throw new Error(
      `The last upload of ${tag}, by ${recordedBy(record)}, is recorded, but its ID list was lost when the console stopped, so the console cannot show what changes.`,
    )
  }
  if (record.listState === 'storing') {
    throw new ListStillStoringError(
      `The last upload of ${tag}, by ${recordedBy(record)}, is recorded, but its ID list is still being stored, so the console cannot show what changes yet.`,
    )
  }
  if (record.listState !== 'kept') {
    throw new Error(
      `The last upload of ${tag}, by ${recordedBy(record)}, is recorded, but its ID list is no longer kept, so the console cannot show what changes.`,
    )
  }
  const kept = await consoleHistoryBytes(`/records/${record.id}/ids`)
  const diff = await diffAgainstKept(kept)
  return {
    recordId: record.id,
    previousAt: new Date(record.createdAt),
    previousUpload: whoseUpload(record),
    ...diff,
  }
}
