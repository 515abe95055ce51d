import { Dexie, type Table } from 'dexie'

/** One file that went into an upload; sha256 is null when hashing was skipped or failed. */
export interface SubmittedFile {
  name: string
  size: number
  sha256: string | null
}

/** What the CSV cleaning did: rows read, IDs kept, and how many were removed for each reason. */
export interface SegmentCounts {
  rowsRead: number
  uniqueIds: number
  removed: Record<string, number>
}

/** The FanPass answer to one upload, as the console understood it. */
export interface SegmentOutcome {
  status: 'succeeded' | 'failed'
  httpStatus: number | null
  correlationId: string | null
  messages: string[]
  errors: string[]
}

/** What was sent and read for one segment upload: the part the input and the record share. */
export interface SegmentSubmissionFields {
  createdAt: number
  targetHost: string
  tag: string
  title: string
  sourceType: number
  notes: string
  files: SubmittedFile[]
  counts: SegmentCounts
}

/** Everything recordSegmentSubmission needs; deliberately has no place for the token. */
export interface SegmentSubmissionInput extends SegmentSubmissionFields {
  outcome: SegmentOutcome
  ids: string[] | null
}

/** A stored upload: the outcome's fields sit beside the others, and the ID list is kept apart. */
export interface SegmentSubmissionRecord extends SegmentSubmissionFields, SegmentOutcome {
  id: number
  kind: 'segment'
}

/** 'partial' means some update_user requests succeeded and some failed. */
export type PropertiesJobStatus = 'succeeded' | 'partial' | 'failed' | 'cancelled'

export interface PropertiesJobInput {
  createdAt: number
  targetHost: string
  jobId: string
  requestsPlanned: number
  requestsSucceeded: number
  requestsFailed: number
  usersUpdated: number
  status: PropertiesJobStatus
}

export interface PropertiesJobRecord extends PropertiesJobInput {
  id: number
  kind: 'properties'
}

export type SubmissionRecord = SegmentSubmissionRecord | PropertiesJobRecord

type NewSubmission = Omit<SegmentSubmissionRecord, 'id'> | Omit<PropertiesJobRecord, 'id'>

interface IdListRecord {
  id: number
  tag: string
  createdAt: number
  submissionId: number
  ids: string[]
}

type NewIdList = Omit<IdListRecord, 'id'>

/** Enough earlier versions to undo a few wrong uploads without filling the browser's storage. */
export const KEPT_ID_LISTS_PER_TAG = 5

class HistoryDatabase extends Dexie {
  submissions!: Table<SubmissionRecord, number, NewSubmission>
  idLists!: Table<IdListRecord, number, NewIdList>

  constructor() {
    super('fanpass-console')
    this.version(1).stores({
      submissions: '++id, createdAt, tag, kind',
      // submissionId is indexed so the page can learn which versions are restorable
      // from the index alone, without loading every kept list into memory.
      idLists: '++id, tag, [tag+createdAt], submissionId',
    })
  }
}

const db = new HistoryDatabase()

// Dexie wraps the browser's error (e.g. an AbortError whose inner error is the quota one).
function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return error.name === 'QuotaExceededError' || ('inner' in error && isQuotaError(error.inner))
}

function describeStorageFailure(action: string, error: unknown): Error {
  const reason = isQuotaError(error)
    ? "the browser's storage for this site is full. Clear the history to make room."
    : "the browser's local storage did not respond (a private window can block it)."
  return new Error(`History could not be ${action}: ${reason}`, { cause: error })
}

function byNewest(a: SubmissionRecord, b: SubmissionRecord): number {
  return b.createdAt - a.createdAt || b.id - a.id
}

/**
 * Saves one segment upload; its ID list is kept only if FanPass accepted it, and only the
 * newest 5 lists per tag survive. Example: the 6th succeeded upload of "userGroup1" drops the 1st list.
 */
export async function recordSegmentSubmission(input: SegmentSubmissionInput): Promise<number> {
  // Built field by field, never spread: a caller's object with extra fields (a token, headers)
  // must not end up in the browser's storage.
  const record: Omit<SegmentSubmissionRecord, 'id'> = {
    kind: 'segment',
    createdAt: input.createdAt,
    targetHost: input.targetHost,
    tag: input.tag,
    title: input.title,
    sourceType: input.sourceType,
    notes: input.notes,
    files: input.files.map((file) => ({ name: file.name, size: file.size, sha256: file.sha256 })),
    counts: {
      rowsRead: input.counts.rowsRead,
      uniqueIds: input.counts.uniqueIds,
      removed: { ...input.counts.removed },
    },
    status: input.outcome.status,
    httpStatus: input.outcome.httpStatus,
    correlationId: input.outcome.correlationId,
    messages: [...input.outcome.messages],
    errors: [...input.outcome.errors],
  }
  // A failed upload left the segment as it was, so its list is not a version worth restoring.
  const ids = input.outcome.status === 'succeeded' ? input.ids : null

  try {
    return await db.transaction('rw', db.submissions, db.idLists, async () => {
      const submissionId = await db.submissions.add(record)
      if (ids !== null) {
        await db.idLists.add({ tag: input.tag, createdAt: input.createdAt, submissionId, ids })
        const olderKeys = await db.idLists
          .where('[tag+createdAt]')
          .between([input.tag, Dexie.minKey], [input.tag, Dexie.maxKey])
          .reverse()
          .offset(KEPT_ID_LISTS_PER_TAG)
          .primaryKeys()
        await db.idLists.bulkDelete(olderKeys)
      }
      return submissionId
    })
  } catch (error) {
    throw describeStorageFailure('saved', error)
  }
}

/**
 * Saves one user-properties bulk job so it shows in the same history list.
 * Example: {jobId: "job-7", requestsPlanned: 10, requestsSucceeded: 10, …, status: "succeeded"} → new id.
 */
export async function recordPropertiesJob(input: PropertiesJobInput): Promise<number> {
  const record: Omit<PropertiesJobRecord, 'id'> = {
    kind: 'properties',
    createdAt: input.createdAt,
    targetHost: input.targetHost,
    jobId: input.jobId,
    requestsPlanned: input.requestsPlanned,
    requestsSucceeded: input.requestsSucceeded,
    requestsFailed: input.requestsFailed,
    usersUpdated: input.usersUpdated,
    status: input.status,
  }
  try {
    return await db.submissions.add(record)
  } catch (error) {
    throw describeStorageFailure('saved', error)
  }
}

/** Every recorded submission, newest first. Example: uploads at 09:00 and 10:00 → [10:00, 09:00]. */
export async function listSubmissions(): Promise<SubmissionRecord[]> {
  const records = await db.submissions.toArray()
  return records.sort(byNewest)
}

/** The ID list kept for a submission, or null if it failed or was pruned. Example: getIdList(3) → ["12345", "54321"]. */
export async function getIdList(submissionId: number): Promise<string[] | null> {
  const list = await db.idLists.where('submissionId').equals(submissionId).first()
  return list?.ids ?? null
}

/** Deletes every submission and every kept ID list. Example: clearHistory() then listSubmissions() → []. */
export async function clearHistory(): Promise<void> {
  try {
    await db.transaction('rw', db.submissions, db.idLists, async () => {
      await db.submissions.clear()
      await db.idLists.clear()
    })
  } catch (error) {
    throw describeStorageFailure('cleared', error)
  }
}
