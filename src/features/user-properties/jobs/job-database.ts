import { Dexie, type Table } from 'dexie'
import type { RequestState } from '../domain/job-runner'
import type { UpdateUserRequest } from '../domain/plan-requests'
import type { JobStore, SavedJob } from '../domain/saved-job'

interface SavedRequest {
  jobId: string
  index: number
  request: UpdateUserRequest
}

interface SavedRequestState extends RequestState {
  jobId: string
  index: number
}

// A database of its own, so the history's schema (fanpass-console) is never touched by jobs.
export const JOBS_DATABASE_NAME = 'fanpass-console-jobs'

class JobsDatabase extends Dexie {
  jobs!: Table<SavedJob, string>
  requests!: Table<SavedRequest, [string, number]>
  states!: Table<SavedRequestState, [string, number]>

  constructor(name: string) {
    super(name)
    this.version(1).stores({
      jobs: 'id, createdAt, phase',
      // The plan is written once; each answer then writes one small state row (a few hundred
      // bytes), never the request's user IDs again.
      requests: '[jobId+index], jobId',
      states: '[jobId+index], jobId, [jobId+status]',
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
        db.transaction('rw', db.jobs, db.requests, db.states, async () => {
          await db.jobs.put(job)
          await db.requests.bulkPut(
            requests.map((request, index) => ({ jobId: job.id, index, request })),
          )
          await db.states.bulkPut(
            requests.map((_, index) => ({
              jobId: job.id,
              index,
              status: 'pending',
              attempts: 0,
              last: null,
            })),
          )
        }),
      ),
    saveRequestState: (job, index, state) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.states, async () => {
          await db.states.put({ ...state, jobId: job.id, index })
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
      const range = [
        [jobId, Dexie.minKey],
        [jobId, Dexie.maxKey],
      ] as const
      const [rows, stateRows] = await Promise.all([
        db.requests
          .where('[jobId+index]')
          .between(...range)
          .toArray(),
        db.states
          .where('[jobId+index]')
          .between(...range)
          .toArray(),
      ])
      // Both come back in index order: the primary key starts with the job, then the index.
      return {
        job,
        requests: rows.map((row) => row.request),
        states: stateRows.map(({ status, attempts, last }) => ({ status, attempts, last })),
      }
    },
    async latestUnfinished() {
      const jobs = await db.jobs.orderBy('createdAt').reverse().toArray()
      const job = jobs.find((candidate) => !ENDED.has(candidate.phase))
      if (job === undefined) return null
      // The request rows are the truth the runner resumes from; the summary may lag one save.
      const count = (status: RequestState['status']) =>
        db.states.where('[jobId+status]').equals([job.id, status]).count()
      const [succeeded, failed] = await Promise.all([count('succeeded'), count('failed')])
      return { ...job, succeeded, failed }
    },
    remove: (jobId) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.requests, db.states, async () => {
          await db.requests.where('jobId').equals(jobId).delete()
          await db.states.where('jobId').equals(jobId).delete()
          await db.jobs.delete(jobId)
        }),
      ),
    pruneEnded: (keepJobId) =>
      guarded(() =>
        db.transaction('rw', db.jobs, db.requests, db.states, async () => {
          const ended = await db.jobs
            .filter((job) => job.id !== keepJobId && ENDED.has(job.phase))
            .primaryKeys()
          for (const jobId of ended) {
            await db.requests.where('jobId').equals(jobId).delete()
            await db.states.where('jobId').equals(jobId).delete()
          }
          await db.jobs.bulkDelete(ended)
        }),
      ),
  }
}
