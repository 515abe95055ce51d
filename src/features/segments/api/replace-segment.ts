import { useMutation, useQueryClient } from '@tanstack/react-query'
import * as z from 'zod/mini'
import {
  BATCH_HEADER,
  COMPARED_RECORD_HEADER,
  COMPARED_TAG_HEADER,
  sendConflictAnswerSchema,
  type SendConflictAnswer,
} from '../../../../contracts/history'
import { consoleHistory, recordedAs, type RecordedAs } from '../../../lib/console-history'
import { sendFanPassRequest, type FanPassResult } from '../../../lib/fanpass-client'
import { errorMessage } from '../../../lib/format'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { getToken } from '../../../lib/session-token'
import { countRemovedByKind } from '../domain/count-removed'
import { segmentFieldsSchema, type SegmentFields } from '../domain/segment-fields'
import type { PreparedUpload, SourceSummary } from '../worker/types'

export const SEGMENTS_PATH = '/api/v1/segments'

/** sourceType values the collection defines; only 0 (Ticketing ID) is live today. */
export const sourceTypes = [
  { value: 0, label: 'Ticketing ID', available: true },
  { value: 1, label: 'Push Notification ID (coming soon)', available: false },
  { value: 2, label: 'Loyalty ID (coming soon)', available: false },
  { value: 3, label: 'Ad ID (coming soon)', available: false },
  { value: 4, label: 'Subscriber ID (coming soon)', available: false },
] as const

// The fields' rules live in domain/, so the worker checks a split's tags without this module.
export { segmentFieldsSchema, type SegmentFields } from '../domain/segment-fields'

/** The segment form: the fields, plus the list of user IDs it will send, which must not be empty. */
export const replaceSegmentInputSchema = z.extend(segmentFieldsSchema, {
  userIdCount: z
    .number()
    .check(
      z.int(),
      z.minimum(
        1,
        'Add user IDs first: drop a CSV file or paste IDs. FanPass will not accept an empty segment.',
      ),
    ),
})

export type ReplaceSegmentInput = z.infer<typeof replaceSegmentInputSchema>

/** What the marketer confirmed: the form, the request built from it, and the sources read. */
export interface SegmentUpload {
  fields: SegmentFields
  upload: PreparedUpload
  sources: readonly SourceSummary[]
  /** The FanPass host the console forwards to, as History records it. */
  targetHost: string
  /**
   * The record id of the team's last version the marketer was shown, or 'none' when the tag had
   * none; undefined when nothing was compared (the send is then not checked).
   */
  comparedRecord?: string
  /** The batch this send belongs to (many segments, one confirmation); History groups by it. */
  batchId?: string
}

/** FanPass's answer, and why History could not keep the upload (null when it did). */
export interface SegmentUploadOutcome {
  result: FanPassResult
  notRecorded: string | null
  /** What the console's server did with the upload in the team history. */
  recordedAs: RecordedAs | null
  /** The console's server refused the send before FanPass saw it: the tag changed meanwhile. */
  conflict: SendConflictAnswer | null
}

/** The console's 409 to a compared send, or null for any other answer (FanPass's own). */
function readConflict(status: number, text: string | null): SendConflictAnswer | null {
  if (status !== 409 || text === null) return null
  try {
    const parsed = sendConflictAnswerSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** What only the page knows about an upload: the files it read and what cleaning removed. */
function annotationsOf({ sources }: SegmentUpload) {
  return {
    files: sources.map((source) => ({
      name: source.name,
      size: source.sizeBytes,
      sha256: source.sha256,
    })),
    rowsRead: sources.reduce((sum, source) => sum + source.rowsRead, 0),
    removed: countRemovedByKind(sources),
  }
}

/** The headers that tell the console's server what the marketer compared, and the batch. */
function consoleHeadersOf(segment: SegmentUpload): Record<string, string> | undefined {
  const headers: Record<string, string> = {}
  if (segment.comparedRecord !== undefined) {
    headers[COMPARED_RECORD_HEADER] = segment.comparedRecord
    headers[COMPARED_TAG_HEADER] = encodeURIComponent(segment.fields.tag)
  }
  if (segment.batchId !== undefined) headers[BATCH_HEADER] = segment.batchId
  return Object.keys(headers).length === 0 ? undefined : headers
}

/**
 * Replaces every member of a tag with the prepared list, then records what only the page knows
 * in History. Resolves with FanPass's outcome even when recording failed: the upload happened
 * either way. e.g. a send the console's server refused (409) → { conflict: {…}, … }, nothing sent.
 */
export async function sendSegment(segment: SegmentUpload): Promise<SegmentUploadOutcome> {
  const seen: { recorded: RecordedAs | null; conflict: SendConflictAnswer | null } = {
    recorded: null,
    conflict: null,
  }
  const result = await sendFanPassRequest({
    path: SEGMENTS_PATH,
    token: getToken(),
    body: segment.upload.body,
    consoleHeaders: consoleHeadersOf(segment),
    onHeaders: (headers) => {
      seen.recorded = recordedAs(headers)
    },
    onAnswer: (status, text) => {
      seen.conflict = readConflict(status, text)
    },
  })
  const { recorded, conflict } = seen
  if (conflict) return { result, notRecorded: null, recordedAs: null, conflict }
  try {
    if (recorded?.state === 'recorded') {
      // What only the page knows; the server keeps it beside FanPass's answer.
      await consoleHistory(`/records/${recorded.recordId}/annotations`, {
        method: 'PUT',
        body: annotationsOf(segment),
      })
    }
    return { result, notRecorded: null, recordedAs: recorded, conflict: null }
  } catch (error) {
    return { result, notRecorded: errorMessage(error), recordedAs: recorded, conflict: null }
  }
}

/** sendSegment as a mutation that refreshes what History shows once it settles. */
export function useSegmentUpload() {
  const queryClient = useQueryClient()
  return useMutation<SegmentUploadOutcome, Error, SegmentUpload>({
    mutationKey: ['replace-segment'],
    mutationFn: sendSegment,
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyQueryKey }),
  })
}
