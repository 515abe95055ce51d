// Owns the bulk-update job of this tab: starts it, keeps its progress in IndexedDB after every
// request, finds a job a reload or a closed tab interrupted, and files every job that ends in
// History. It lives outside React so that leaving the page does not stop a job.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useSyncExternalStore } from 'react'
import { interpretResponse, type FanPassResult } from '../../../lib/fanpass-client'
import { errorMessage } from '../../../lib/format'
import type { PropertiesJobInput } from '../../../lib/history/history-db'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { getToken } from '../../../lib/session-token'
import { recordJobInTeamHistory } from '../api/team-history-jobs'
import { sendUpdateUser } from '../api/update-user'
import { historyEntry, historyStatus } from '../domain/job-report'
import {
  createJobRunner,
  type JobRunner,
  type JobRunnerOptions,
  type JobSnapshot,
  type RequestState,
} from '../domain/job-runner'
import type { UpdateUserRequest } from '../domain/plan-requests'
import { savedPhase, withCounts, type JobStore, type SavedJob } from '../domain/saved-job'
import { createDexieJobStore } from './job-database'

export interface JobView {
  job: SavedJob
  requests: readonly UpdateUserRequest[]
  snapshot: JobSnapshot
}

export interface UpdateJobsState {
  /** The job this tab runs or last ran. */
  current: JobView | null
  /** A job saved in this browser that stopped without finishing (a reload, a closed tab). */
  interrupted: SavedJob | null
  /** Why the last start, resume or discard did not happen. */
  error: string | null
}

export interface StartJobInput {
  requests: UpdateUserRequest[]
  /** A file name or "Ad-hoc edit". */
  source: string
  targetHost: string
  concurrency: number
}

export interface UpdateJobs {
  getState(): UpdateJobsState
  subscribe(listener: () => void): () => void
  start(input: StartJobInput): Promise<void>
  /** Looks in the browser for an interrupted job and offers it (state.interrupted). */
  findInterrupted(): Promise<void>
  /** Continues an interrupted job; requests that had succeeded are not sent again. */
  resumeInterrupted(targetHost: string, concurrency: number): Promise<void>
  /** Gives up an interrupted job: it is filed in History as cancelled and forgotten. */
  discardInterrupted(): Promise<void>
  pause(): void
  /** Continues after Pause, or after a 401 once a new token is in place. */
  resume(): void
  cancel(): void
  retryFailed(): void
  /** Called once per ended job, after it is filed in History. */
  onJobFiled(listener: () => void): () => void
}

export interface UpdateJobsDeps {
  store: JobStore
  /** Sends one request of the job `jobId`. */
  send: (request: UpdateUserRequest, jobId: string) => Promise<FanPassResult>
  recordHistory: (input: PropertiesJobInput) => Promise<unknown>
  /** Resolves with a release function, or null when another tab holds the lock. */
  acquireLock: () => Promise<(() => void) | null>
  now?: () => number
  newId?: () => string
  /** The runner's clock, sleep and jitter, for tests. */
  runner?: Pick<JobRunnerOptions, 'sleep' | 'random' | 'now' | 'retry'>
  /** How often at most the page hears about progress. */
  notifyEveryMs?: number
}

const ANOTHER_TAB =
  'Another tab of the console is sending updates right now. Let it finish there (or close it), then try again.'

/** The job machinery with its dependencies injected; the page uses `getUpdateJobs()`. */
export function createUpdateJobs(deps: UpdateJobsDeps): UpdateJobs {
  const now = deps.now ?? Date.now
  const newId = deps.newId ?? (() => crypto.randomUUID())
  const notifyEveryMs = deps.notifyEveryMs ?? 100
  const listeners = new Set<() => void>()
  const filedListeners = new Set<() => void>()

  let state: UpdateJobsState = { current: null, interrupted: null, error: null }
  let runner: JobRunner | null = null
  let job: SavedJob | null = null
  let requests: readonly UpdateUserRequest[] = []
  let release: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  function publish(): void {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
    }
    const current =
      runner !== null && job !== null ? { job, requests, snapshot: runner.snapshot() } : null
    state = { ...state, current }
    for (const listener of listeners) listener()
  }

  function publishSoon(): void {
    timer ??= setTimeout(publish, notifyEveryMs)
  }

  function setState(patch: Partial<UpdateJobsState>): void {
    state = { ...state, ...patch }
    publish()
  }

  async function lock(): Promise<boolean> {
    if (release !== null) return true
    release = await deps.acquireLock()
    return release !== null
  }

  function unlock(): void {
    release?.()
    release = null
  }

  function saveJobQuietly(next: SavedJob): void {
    // A failed save is already reported by the next request's save; the job goes on either way.
    deps.store.saveJob(next).catch(() => undefined)
  }

  async function ended(snapshot: JobSnapshot): Promise<void> {
    if (job === null) return
    const cancelled = snapshot.phase === 'cancelled'
    // Kept apart from `job`, which a job started while these saves run would replace.
    const finished = withCounts(job, snapshot.counts, snapshot.phase, now())
    job = finished
    unlock()
    publish()
    try {
      await deps.store.saveJob(finished)
    } catch {
      // The job is over; History below is what the marketer will look for.
    }
    try {
      await deps.recordHistory(historyEntry(finished, historyStatus(snapshot.counts, cancelled)))
    } catch (error) {
      setState({ error: errorMessage(error) })
    }
    for (const listener of filedListeners) listener()
  }

  function watch(done: Promise<JobSnapshot>): void {
    void done.then(ended)
  }

  function attach(
    saved: SavedJob,
    plan: readonly UpdateUserRequest[],
    concurrency: number,
    initialStates?: readonly RequestState[],
  ): JobRunner {
    job = saved
    requests = plan
    let lastPhase = saved.phase
    const created: JobRunner = createJobRunner({
      ...deps.runner,
      requests: plan,
      initialStates,
      send: (request) => deps.send(request, saved.id),
      concurrency,
      onSettled: async (index, requestState) => {
        if (job === null) return
        job = withCounts(job, created.counts(), created.phase(), now())
        lastPhase = job.phase
        await deps.store.saveRequestState(job, index, requestState)
      },
      onChange: () => {
        const phase = savedPhase(created.phase())
        if (job !== null && phase !== lastPhase) {
          // Pause, a 401 and cancel are saved at once: a reload then offers the right thing.
          lastPhase = phase
          job = withCounts(job, created.counts(), created.phase(), now())
          saveJobQuietly(job)
          publish()
          return
        }
        publishSoon()
      },
    })
    runner = created
    return created
  }

  function isBusy(): boolean {
    const phase = runner?.phase()
    return phase !== undefined && phase !== 'finished' && phase !== 'cancelled'
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onJobFiled(listener) {
      filedListeners.add(listener)
      return () => filedListeners.delete(listener)
    },

    async start(input) {
      if (isBusy()) {
        setState({ error: 'A job is still running. Let it finish, or cancel it, first.' })
        return
      }
      if (!(await lock())) {
        setState({ error: ANOTHER_TAB })
        return
      }
      const createdAt = now()
      const userCount = new Set(input.requests.flatMap((request) => request.userIds)).size
      const saved: SavedJob = {
        id: newId(),
        createdAt,
        updatedAt: createdAt,
        source: input.source,
        targetHost: input.targetHost,
        phase: 'running',
        requestCount: input.requests.length,
        userCount,
        succeeded: 0,
        failed: 0,
        usersDone: 0,
      }
      try {
        await deps.store.create(saved, input.requests)
        await deps.store.pruneEnded(saved.id)
      } catch (error) {
        unlock()
        setState({ error: errorMessage(error) })
        return
      }
      const started = attach(saved, input.requests, input.concurrency)
      state = { ...state, error: null }
      watch(started.run())
      publish()
    },

    async findInterrupted() {
      try {
        const found = await deps.store.latestUnfinished()
        // The job this tab is running is not "interrupted".
        setState({ interrupted: found !== null && found.id !== job?.id ? found : null })
      } catch {
        setState({ interrupted: null })
      }
    },

    async resumeInterrupted(targetHost, concurrency) {
      const interrupted = state.interrupted
      if (interrupted === null) return
      if (isBusy()) {
        setState({ error: 'A job is still running. Let it finish, or cancel it, first.' })
        return
      }
      if (interrupted.targetHost !== targetHost) {
        setState({
          error: `This job was sending to ${interrupted.targetHost}, but the console now sends to ${targetHost}. It was not resumed; discard it, or restart the console against ${interrupted.targetHost}.`,
        })
        return
      }
      if (!(await lock())) {
        setState({ error: ANOTHER_TAB })
        return
      }
      const loaded = await deps.store.load(interrupted.id)
      if (loaded === null) {
        unlock()
        setState({ interrupted: null, error: 'That job is no longer saved in this browser.' })
        return
      }
      const resumed = attach(
        { ...loaded.job, phase: 'running' },
        loaded.requests,
        concurrency,
        loaded.states,
      )
      state = { ...state, interrupted: null, error: null }
      watch(resumed.run())
      publish()
    },

    async discardInterrupted() {
      const interrupted = state.interrupted
      if (interrupted === null) return
      // The "interrupted" job may in fact be running in another tab: never delete it under it.
      if (!isBusy()) {
        if (!(await lock())) {
          setState({ error: ANOTHER_TAB })
          return
        }
        unlock()
      }
      try {
        await deps.recordHistory(historyEntry(interrupted, 'cancelled'))
        await deps.store.remove(interrupted.id)
        setState({ interrupted: null, error: null })
      } catch (error) {
        setState({ error: errorMessage(error) })
      }
      for (const listener of filedListeners) listener()
    },

    pause: () => runner?.pause(),
    resume: () => runner?.resume(),
    cancel: () => runner?.cancel(),
    retryFailed() {
      const current = runner
      if (current === null || current.phase() !== 'finished') return
      void lock().then((locked) => {
        if (!locked) {
          setState({ error: ANOTHER_TAB })
          return
        }
        watch(current.retryFailed())
      })
    },
  }
}

/** An answer as if FanPass refused the token, without asking it: there is no token to send. */
function noTokenResult(): FanPassResult {
  return {
    ...interpretResponse(401, null, null),
    sentence:
      'There is no API token in this tab (a reload forgets it unless "Remember for this browser session" is ticked). Paste it under Connection, then press Resume.',
  }
}

/** Holds a Web Lock for as long as a job runs, so two tabs never send the same job. */
function acquireWebLock(): Promise<(() => void) | null> {
  if (typeof navigator === 'undefined' || navigator.locks === undefined) {
    return Promise.resolve(() => undefined)
  }
  return new Promise((resolve) => {
    void navigator.locks.request('fanpass-console-update-job', { ifAvailable: true }, (lock) => {
      if (lock === null) {
        resolve(null)
        return undefined
      }
      return new Promise<void>((releaseLock) => resolve(releaseLock))
    })
  })
}

let shared: UpdateJobs | null = null

/** The tab's one job manager, backed by IndexedDB and the console's server. */
export function getUpdateJobs(): UpdateJobs {
  shared ??= createUpdateJobs({
    store: createDexieJobStore(),
    send: (request, jobId) => {
      const token = getToken()
      return token === '' ? Promise.resolve(noTokenResult()) : sendUpdateUser(request, token, jobId)
    },
    recordHistory: recordJobInTeamHistory,
    acquireLock: acquireWebLock,
  })
  return shared
}

let historyInvalidationInstalled = false

/**
 * The job manager and its state, re-rendering as the job progresses. The first page that uses it
 * also makes History refresh whenever a job is filed, even if the marketer is on History then.
 */
export function useUpdateJobs(): { jobs: UpdateJobs; state: UpdateJobsState } {
  const jobs = getUpdateJobs()
  const queryClient = useQueryClient()
  useEffect(() => {
    if (historyInvalidationInstalled) return
    historyInvalidationInstalled = true
    // Deliberately never removed: the query client lives as long as the app, and a job may end
    // while no user-properties component is mounted.
    jobs.onJobFiled(() => {
      void queryClient.invalidateQueries({ queryKey: historyQueryKey })
    })
  }, [jobs, queryClient])
  const state = useSyncExternalStore(jobs.subscribe, jobs.getState)
  return { jobs, state }
}
