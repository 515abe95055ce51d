import { Dexie, type Table } from 'dexie'
import type { RequestState } from '../domain/job-runner'
import type { UpdateUserRequest } from '../domain/plan-requests'
import type { JobStore, SavedJob } from '../domain/saved-job'

interface SavedRequest {
  jobId: string
  index: number
  request: UpdateUserRequest
  state: RequestState
}

// A database of its own, so the history's schema (fanpass-console) is never touched by jobs.
export const JOBS_DATABASE_NAME = 'fanpass-console-jobs'

class JobsDatabase extends Dexie {
  jobs!: Table<SavedJob, string>
  requests!: Table<SavedRequest, [string, number]>

  constructor(name: string) {
    super(name)
    this.version(1).stores({
      jobs: 'id, createdAt, phase',
      // One row per request, so saving an answer rewrites a few hundred bytes, not the whole plan.
      // [jobId+state.status] counts a job's outcomes without loading its user IDs.
      requests: '[jobId+index], jobId, [jobId+state.status]',
    })
  }
}

// Dexie wraps the browser's error (e.g. an AbortError whose inner error is the quota one).
function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return error.name === 'QuotaExceededError' || ('inner' in error && isQuotaError(error.inner))
}

function storageFailure(error: unknown): Error {
  const reason = isQuotaError(error)
    ? "the browser's storage for this site is full"
    : "the browser's local storage did not respond (a private window can block it)"
  return new Error(
    `The job's progress could not be saved: ${reason}. It keeps running, but reloading the page now would lose track of what was sent.`,
    { cause: error },
  )
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw storageFailure(error)
  }
}

const ENDED: ReadonlySet<SavedJob['phase']> = new Set(['finished', 'cancelled'])

/** The IndexedDB store of bulk-update jobs (Dexie, database 'fanpass-console-jobs'). */
export function createDexieJobStore(name: string = JOBS_DATABASE_NAME): JobStore {
  const db = new JobsDatabase(name)
  return {
    create: (job, requests) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.requests, async () => {
          await db.jobs.put(job)
          await db.requests.bulkPut(
            requests.map((request, index) => ({
              jobId: job.id,
              index,
              request,
              state: { status: 'pending', attempts: 0, last: null },
            })),
          )
        }),
      ),
    saveRequestState: (job, index, state) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.requests, async () => {
          await db.requests.update([job.id, index], { state })
          await db.jobs.put(job)
        }),
      ),
    saveJob: (job) =>
      guarded(async () => {
        await db.jobs.put(job)
      }),
    async load(jobId) {
      const job = await db.jobs.get(jobId)
      if (job === undefined) return null
      const rows = await db.requests
        .where('[jobId+index]')
        .between([jobId, Dexie.minKey], [jobId, Dexie.maxKey])
        .toArray()
      rows.sort((a, b) => a.index - b.index)
      return {
        job,
        requests: rows.map((row) => row.request),
        states: rows.map((row) => row.state),
      }
    },
    async latestUnfinished() {
      const jobs = await db.jobs.orderBy('createdAt').reverse().toArray()
      const job = jobs.find((candidate) => !ENDED.has(candidate.phase))
      if (job === undefined) return null
      // The request rows are the truth the runner resumes from; the summary may lag one save.
      const count = (status: RequestState['status']) =>
        db.requests.where('[jobId+state.status]').equals([job.id, status]).count()
      const [succeeded, failed] = await Promise.all([count('succeeded'), count('failed')])
      return { ...job, succeeded, failed }
    },
    remove: (jobId) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.requests, async () => {
          await db.requests.where('jobId').equals(jobId).delete()
          await db.jobs.delete(jobId)
        }),
      ),
    pruneEnded: (keepJobId) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.requests, async () => {
          const ended = await db.jobs
            .filter((job) => job.id !== keepJobId && ENDED.has(job.phase))
            .primaryKeys()
          for (const jobId of ended) await db.requests.where('jobId').equals(jobId).delete()
          await db.jobs.bulkDelete(ended)
        }),
      ),
  }
}
