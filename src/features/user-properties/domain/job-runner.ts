import type { FanPassOutcomeKind, FanPassResult } from '../../../lib/fanpass-client'
import { errorMessage } from '../../../lib/format'
// Runs a plan of `update_user` requests: a few at a time, retrying what may succeed later,
// stopping for a new token on a 401, and reporting every settled request so it can be saved
// before the next one starts. No React, no fetch, no timers of its own: `send`, `sleep`, `now`
// and `random` are injected, so the tests drive it with a fake clock.
import { DEFAULT_CONCURRENCY } from '../../../lib/property-settings'
import type { UpdateUserRequest } from './plan-requests'

export type RequestStatus = 'pending' | 'succeeded' | 'failed'

/** FanPass's answer to one send, without anything the browser should not keep. */
export interface RequestOutcome {
  kind: FanPassOutcomeKind
  httpStatus: number | null
  correlationId: string | null
  messages: string[]
  errors: string[]
  sentence: string
}

export interface RequestState {
  status: RequestStatus
  /** Sends that got an answer other than 401, including the one that settled the request. */
  attempts: number
  /** The last answer: why it failed, or FanPass's messages (its warnings) when it succeeded. */
  last: RequestOutcome | null
}

/**
 * `ready`: nothing sent yet (run() not called). `paused-for-token`: FanPass refused the token;
 * nothing more is sent until `resume()`. `cancelling`: no new sends; waiting for the requests
 * already sent to answer.
 */
export type JobPhase =
  'ready' | 'running' | 'paused' | 'paused-for-token' | 'cancelling' | 'cancelled' | 'finished'

export interface RetryPolicy {
  /** Sends per request before it is marked failed. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
}

export interface JobCounts {
  requests: number
  succeeded: number
  failed: number
  pending: number
  inFlight: number
  /** Distinct users in the plan. */
  users: number
  /** Users every one of whose requests succeeded. */
  usersDone: number
}

export interface RetryNotice {
  index: number
  /** When the next send of that request is due (the injected clock's time). */
  at: number
  sentence: string
}

export interface JobSnapshot {
  phase: JobPhase
  counts: JobCounts
  states: readonly RequestState[]
  /** The most recent wait before a retry, so the page can say why it is slow. */
  retry: RetryNotice | null
  /** Set while phase is 'paused-for-token'. */
  unauthorized: RequestOutcome | null
  /** Why the last call to onSettled failed (e.g. the browser's storage is full), if it did. */
  saveError: string | null
}

export interface JobRunnerOptions {
  requests: readonly UpdateUserRequest[]
  /** Saved states of a resumed job; every request starts pending when omitted. */
  initialStates?: readonly RequestState[]
  send: (request: UpdateUserRequest) => Promise<FanPassResult>
  concurrency?: number
  retry?: RetryPolicy
  now?: () => number
  /** Resolves after `ms`, or early once `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** A number in [0, 1): the jitter source. */
  random?: () => number
  /**
   * Called when a request succeeds or fails for good; awaited before its slot is reused. If it
   * throws, the job goes on and `saveError` says why (the page can then warn that a reload
   * would lose the progress).
   */
  onSettled?: (index: number, state: RequestState) => Promise<void> | void
  /** Called after every change of state or phase. */
  onChange?: () => void
}

export interface JobRunner {
  /** Sends what is pending; resolves once the job is finished or cancelled. */
  run(): Promise<JobSnapshot>
  /** Starts nothing new; requests already sent still get their answers recorded. */
  pause(): void
  /** Continues after pause() or a 401 (the caller has a new token by then). */
  resume(): void
  /** Stops for good once the requests already sent have answered. */
  cancel(): void
  /** After the job finished: sends the failed requests again. */
  retryFailed(): Promise<JobSnapshot>
  /** Everything, states copied: for the page, a few times a second at most. */
  snapshot(): JobSnapshot
  /** Cheap reads for code that runs after every request. */
  phase(): JobPhase
  counts(): JobCounts
}

/**
 * How long to wait before sending a request again: exponential backoff with jitter, or at least
 * what FanPass asked for in Retry-After (plus up to 10 %, at most 1 s, so parallel requests
 * do not all come back in the same instant).
 * @example retryDelayMs(3, null, 0.5, DEFAULT_RETRY_POLICY) // → 3000 (4 s backoff, half fixed + half × 0.5)
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  random: number,
  policy: RetryPolicy,
): number {
  if (retryAfterMs !== null) {
    return Math.round(retryAfterMs + Math.min(retryAfterMs * 0.1, 1_000) * random)
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  // "Equal jitter": never less than half the backoff, so a burst of failures still backs off.
  return Math.round(backoff / 2 + (backoff / 2) * random)
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}

function outcomeOf(result: FanPassResult): RequestOutcome {
  return {
    kind: result.kind,
    httpStatus: result.httpStatus,
    correlationId: result.correlationId,
    messages: [...result.messages],
    errors: [...result.errors],
    sentence: result.sentence,
  }
}

function thrownOutcome(error: unknown): RequestOutcome {
  const reason = errorMessage(error)
  return {
    kind: 'unexpected-response',
    httpStatus: null,
    correlationId: null,
    messages: [],
    errors: [],
    sentence: `The console could not send this request: ${reason}`,
  }
}

/**
 * A runner for one job: at most `concurrency` requests in flight (a request waiting to be
 * retried keeps its slot), retries with backoff, 401 → paused-for-token, 400 → failed at once.
 * @example createJobRunner({ requests: plan.requests, send }).run() // → snapshot with phase 'finished'
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { requests, send } = options
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY))
  const policy = options.retry ?? DEFAULT_RETRY_POLICY
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? defaultSleep
  const random = options.random ?? Math.random

  const states: RequestState[] = requests.map((_, index) => {
    const saved = options.initialStates?.[index]
    return saved ? { ...saved } : { status: 'pending', attempts: 0, last: null }
  })

  // Users → how many of their requests have not succeeded yet; a user is done at zero.
  const remainingByUser = new Map<string, number>()
  requests.forEach((request, index) => {
    const succeeded = states[index]?.status === 'succeeded'
    for (const userId of request.userIds) {
      remainingByUser.set(userId, (remainingByUser.get(userId) ?? 0) + (succeeded ? 0 : 1))
    }
  })
  let usersDone = 0
  for (const remaining of remainingByUser.values()) if (remaining === 0) usersDone += 1

  let phase: JobPhase = 'ready'
  let queue: number[] = []
  let inFlight = 0
  let holdUntil = 0
  let retry: RetryNotice | null = null
  let unauthorized: RequestOutcome | null = null
  // Counts the starts of sending (run, each resume), so an answer can tell which token it was for.
  let sendingRound = 0
  let saveError: string | null = null
  // Aborted on pause and cancel, so requests waiting to be retried give their slot back at once.
  let waits = new AbortController()
  let settle: ((snapshot: JobSnapshot) => void) | null = null
  let done: Promise<JobSnapshot> | null = null

  function counts(): JobCounts {
    let succeeded = 0
    let failed = 0
    for (const state of states) {
      if (state.status === 'succeeded') succeeded += 1
      else if (state.status === 'failed') failed += 1
    }
    return {
      requests: states.length,
      succeeded,
      failed,
      pending: states.length - succeeded - failed,
      inFlight,
      users: remainingByUser.size,
      usersDone,
    }
  }

  function snapshot(): JobSnapshot {
    return {
      phase,
      counts: counts(),
      states: states.map((state) => ({ ...state })),
      retry,
      unauthorized,
      saveError,
    }
  }

  function changed(): void {
    options.onChange?.()
  }

  function finishIfIdle(): void {
    if (inFlight > 0) return
    if (phase === 'cancelling') phase = 'cancelled'
    else if (phase === 'running' && queue.length === 0) phase = 'finished'
    else return
    retry = null
    changed()
    const resolve = settle
    settle = null
    done = null
    resolve?.(snapshot())
  }

  function pump(): void {
    while (phase === 'running' && inFlight < concurrency && queue.length > 0) {
      const index = queue.shift() as number
      inFlight += 1
      void attempt(index).finally(() => {
        inFlight -= 1
        changed()
        pump()
        finishIfIdle()
      })
    }
  }

  function markSucceeded(index: number): void {
    for (const userId of (requests[index] as UpdateUserRequest).userIds) {
      const remaining = (remainingByUser.get(userId) ?? 1) - 1
      remainingByUser.set(userId, remaining)
      if (remaining === 0) usersDone += 1
    }
  }

  async function waitFor(ms: number): Promise<boolean> {
    if (ms > 0) await sleep(ms, waits.signal)
    return phase === 'running'
  }

  /** Back to the front of the queue, unless the job is being cancelled (it then stays pending). */
  function requeue(index: number): void {
    if (phase !== 'cancelling' && phase !== 'cancelled') queue.unshift(index)
  }

  async function save(index: number, state: RequestState): Promise<void> {
    try {
      await options.onSettled?.(index, { ...state })
    } catch (error) {
      saveError = errorMessage(error)
      changed()
    }
  }

  async function attempt(index: number): Promise<void> {
    const state = states[index] as RequestState
    const request = requests[index] as UpdateUserRequest
    for (;;) {
      // FanPass said "too many requests": nobody sends before the time it asked for.
      const hold = holdUntil - now()
      if (!(await waitFor(hold > 0 ? hold + Math.round(random() * 250) : 0))) {
        requeue(index)
        return
      }
      let result: FanPassResult | null = null
      let outcome: RequestOutcome
      const sentInRound = sendingRound
      try {
        result = await send(request)
        outcome = outcomeOf(result)
      } catch (error) {
        outcome = thrownOutcome(error)
      }

      if (result?.kind === 'unauthorized') {
        // Not the request's fault: it goes back to the front of the queue, its attempts intact.
        requeue(index)
        // A request sent before the last resume carried the token the marketer has replaced
        // since: its 401 says nothing about the new one, and must not pause the resumed job.
        if (sentInRound === sendingRound) {
          unauthorized = outcome
          if (phase === 'running' || phase === 'paused') {
            phase = 'paused-for-token'
            waits.abort()
          }
        }
        changed()
        return
      }

      state.attempts += 1
      state.last = outcome
      if (result?.kind === 'succeeded') {
        state.status = 'succeeded'
        markSucceeded(index)
        if (retry?.index === index) retry = null
        changed()
        await save(index, state)
        return
      }
      if (result === null || !result.retryable || state.attempts >= policy.maxAttempts) {
        state.status = 'failed'
        if (retry?.index === index) retry = null
        changed()
        await save(index, state)
        return
      }

      const delay = retryDelayMs(state.attempts, result.retryAfterMs, random(), policy)
      if (result.kind === 'rate-limited') holdUntil = Math.max(holdUntil, now() + delay)
      retry = { index, at: now() + delay, sentence: outcome.sentence }
      changed()
      if (!(await waitFor(delay))) {
        requeue(index)
        return
      }
    }
  }

  function start(): Promise<JobSnapshot> {
    if (done === null) {
      done = new Promise((resolve) => {
        settle = resolve
      })
    }
    return done
  }

  function pendingIndexes(): number[] {
    const pending: number[] = []
    states.forEach((state, index) => {
      if (state.status === 'pending') pending.push(index)
    })
    return pending
  }

  /** Sends from the queue again: at the start, and after a pause or a 401. */
  function startSending(): void {
    sendingRound += 1
    phase = 'running'
    unauthorized = null
    waits = new AbortController()
    changed()
    pump()
    finishIfIdle()
  }

  function begin(indexes: number[]): Promise<JobSnapshot> {
    const result = start()
    queue = indexes
    startSending()
    return result
  }

  return {
    run() {
      if (phase === 'ready') return begin(pendingIndexes())
      if (phase === 'finished' || phase === 'cancelled') return Promise.resolve(snapshot())
      return start()
    },
    pause() {
      if (phase !== 'running') return
      phase = 'paused'
      waits.abort()
      changed()
    },
    resume() {
      if (phase !== 'paused' && phase !== 'paused-for-token') return
      startSending()
    },
    cancel() {
      if (phase === 'finished' || phase === 'cancelled' || phase === 'cancelling') return
      const wasReady = phase === 'ready'
      phase = 'cancelling'
      queue = []
      waits.abort()
      if (wasReady) start()
      changed()
      finishIfIdle()
    },
    retryFailed() {
      if (phase !== 'finished') return phase === 'cancelled' ? Promise.resolve(snapshot()) : start()
      const failed: number[] = []
      states.forEach((state, index) => {
        if (state.status !== 'failed') return
        state.status = 'pending'
        state.attempts = 0
        failed.push(index)
      })
      return begin(failed)
    },
    snapshot,
    phase: () => phase,
    counts,
  }
}
