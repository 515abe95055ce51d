// The records the page files through the history's write routes (a properties job, an imported
// browser record), built as the store keeps them: no U+0000, which PostgreSQL refuses.
import type { PropertiesJob, RecordAnnotations } from '../../../contracts/history.ts'
import type { NewHistoryRecord } from '../../history/history-store.ts'
import { withoutNul } from '../../history/recorded-text.ts'

/**
 * A UUID built from an import key, so importing the same browser record twice writes it once.
 * e.g. importId('0123456789abcdef0123456789abcdef…') → '01234567-89ab-4def-8123-456789abcdef'
 */
export function importId(key: string): string {
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-4${key.slice(13, 16)}-8${key.slice(17, 20)}-${key.slice(20, 32)}`
}

/** Notes on an upload as PostgreSQL can keep them (no U+0000). */
export function annotationsWithoutNul(annotations: RecordAnnotations): RecordAnnotations {
  return {
    files: annotations.files.map((file) => ({
      name: withoutNul(file.name),
      size: file.size,
      sha256: file.sha256 === null ? null : withoutNul(file.sha256),
    })),
    rowsRead: annotations.rowsRead,
    removed: Object.fromEntries(
      Object.entries(annotations.removed).map(([reason, count]) => [withoutNul(reason), count]),
    ),
  }
}

/** A properties job as the page reports it, whoever recorded it: its id and actor are added by the caller. */
export function jobRecord(
  scope: string,
  fanpassHost: string,
  job: PropertiesJob,
): Omit<NewHistoryRecord, 'id'> {
  return {
    ...emptyRecord(scope, fanpassHost),
    kind: 'properties-job',
    createdAt: job.createdAt,
    userIdCount: job.usersUpdated,
    jobId: withoutNul(job.jobId),
    details: {
      requestsPlanned: job.requestsPlanned,
      requestsSucceeded: job.requestsSucceeded,
      requestsFailed: job.requestsFailed,
      status: job.status,
    },
  }
}

/** A record of `scope` at `fanpassHost` with nothing in it yet. */
export function emptyRecord(
  scope: string,
  fanpassHost: string,
): Omit<NewHistoryRecord, 'id' | 'kind' | 'createdAt'> {
  return {
    scope,
    origin: 'console',
    actorName: null,
    actorSub: null,
    fanpassHost,
    tag: null,
    title: null,
    sourceType: null,
    notes: null,
    userIdCount: null,
    bodySha256: null,
    correlationId: null,
    httpStatus: null,
    messages: [],
    errors: [],
    jobId: null,
    batchId: null,
    details: {},
    listState: 'none',
  }
}
