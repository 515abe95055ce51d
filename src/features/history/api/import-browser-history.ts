import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { importAnswerSchema } from '../../../../contracts/history'
import { readConsoleHistory } from '../../../lib/console-history'
import type {
  PropertiesJobRecord,
  SegmentSubmissionRecord,
  SubmissionRecord,
} from '../../../lib/history/history-db'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { loadHistoryDb } from '../../../lib/history/load-history-db'

/** What this browser recorded in IndexedDB before the team history existed, newest first. */
export function browserHistoryQueryOptions() {
  return queryOptions({
    queryKey: [...historyQueryKey, 'browser'],
    queryFn: async () => (await loadHistoryDb()).listSubmissions(),
  })
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

// The same browser record always gets the same key, so importing twice writes it once.
function importKey(parts: readonly (string | number | null)[]): Promise<string> {
  return sha256Hex(JSON.stringify(parts))
}

async function importSegment(record: SegmentSubmissionRecord, ids: string[] | null) {
  await readConsoleHistory('/import', importAnswerSchema, {
    method: 'POST',
    body: {
      kind: 'segment',
      importKey: await importKey([
        record.createdAt,
        record.targetHost,
        record.tag,
        record.correlationId,
      ]),
      createdAt: new Date(record.createdAt).toISOString(),
      targetHost: record.targetHost,
      tag: record.tag,
      title: record.title,
      sourceType: record.sourceType,
      notes: record.notes,
      httpStatus: record.httpStatus,
      correlationId: record.correlationId,
      messages: record.messages,
      errors: record.errors,
      annotations: {
        files: record.files,
        rowsRead: record.counts.rowsRead,
        removed: record.counts.removed,
      },
      ids,
    },
  })
}

async function importPropertiesJob(record: PropertiesJobRecord) {
  await readConsoleHistory('/import', importAnswerSchema, {
    method: 'POST',
    body: {
      kind: 'properties-job',
      importKey: await importKey([record.createdAt, record.targetHost, record.jobId]),
      targetHost: record.targetHost,
      jobId: record.jobId,
      createdAt: new Date(record.createdAt).toISOString(),
      requestsPlanned: record.requestsPlanned,
      requestsSucceeded: record.requestsSucceeded,
      requestsFailed: record.requestsFailed,
      usersUpdated: record.usersUpdated,
      status: record.status,
    },
  })
}

/**
 * Adds every record this browser holds to the team history (segment uploads with their kept
 * lists, and properties jobs, through POST /console/history/import), then empties the browser's
 * copy, so it is imported once. Stops at the first refusal, having removed nothing.
 */
export function useImportBrowserHistory() {
  const queryClient = useQueryClient()
  return useMutation<number, Error, readonly SubmissionRecord[]>({
    mutationKey: ['import-browser-history'],
    mutationFn: async (records) => {
      const history = await loadHistoryDb()
      for (const record of records) {
        if (record.kind === 'segment') {
          await importSegment(record, await history.getIdList(record.id))
        } else {
          await importPropertiesJob(record)
        }
      }
      await history.clearHistory()
      return records.length
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyQueryKey }),
  })
}
