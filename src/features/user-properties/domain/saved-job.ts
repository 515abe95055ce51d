// What a bulk update keeps in the browser so that a reload or a closed tab loses nothing: the
// plan itself, and the state of each request, saved after every answer.
import type { JobCounts, JobPhase, RequestState } from './job-runner'
import type { UpdateUserRequest } from './plan-requests'

/** The phases worth saving; 'ready' and 'cancelling' are moments, not places to resume from. */
export type SavedJobPhase = 'running' | 'paused' | 'paused-for-token' | 'finished' | 'cancelled'

export interface SavedJob {
  id: string
  createdAt: number
  updatedAt: number
  /** Where the rows came from, as the marketer would name it: a file name or "Ad-hoc edit". */
  source: string
  /** The FanPass host the job sends to; a job is never resumed against another one. */
  targetHost: string
  phase: SavedJobPhase
  requestCount: number
  userCount: number
  succeeded: number
  failed: number
  usersDone: number
}

export interface LoadedJob {
  job: SavedJob
  requests: UpdateUserRequest[]
  states: RequestState[]
}

/** Where jobs are kept; the console uses IndexedDB, tests may use anything. */
export interface JobStore {
  /** Saves a new job with its plan, every request pending. */
  create(job: SavedJob, requests: readonly UpdateUserRequest[]): Promise<void>
  /** Saves one request's new state and the job's summary together (all or nothing). */
  saveRequestState(job: SavedJob, index: number, state: RequestState): Promise<void>
  saveJob(job: SavedJob): Promise<void>
  load(jobId: string): Promise<LoadedJob | null>
  /** The newest job that neither finished nor was cancelled, if any. */
  latestUnfinished(): Promise<SavedJob | null>
  /** Forgets one job and its plan. */
  remove(jobId: string): Promise<void>
  /** Forgets every finished or cancelled job except `keepJobId`. */
  pruneEnded(keepJobId: string): Promise<void>
}

/**
 * The phase to save for the runner's phase; a job cancelled mid-way is saved as cancelled at once.
 * @example savedPhase('cancelling') // → 'cancelled'
 */
export function savedPhase(phase: JobPhase): SavedJobPhase {
  switch (phase) {
    case 'ready':
    case 'running':
      return 'running'
    case 'cancelling':
    case 'cancelled':
      return 'cancelled'
    default:
      return phase
  }
}

/**
 * The job's summary with the runner's latest counts.
 * @example withCounts(job, { succeeded: 3, failed: 1, usersDone: 2500, … }, 'running', now)
 * // → { …job, succeeded: 3, failed: 1, usersDone: 2500, phase: 'running', updatedAt: now }
 */
export function withCounts(
  job: SavedJob,
  counts: JobCounts,
  phase: JobPhase,
  updatedAt: number,
): SavedJob {
  return {
    ...job,
    phase: savedPhase(phase),
    succeeded: counts.succeeded,
    failed: counts.failed,
    usersDone: counts.usersDone,
    updatedAt,
  }
}
