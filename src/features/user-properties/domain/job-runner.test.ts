import { describe, expect, it } from 'vitest'
import { interpretResponse, type FanPassResult } from '../../../lib/fanpass-client'
import {
  createJobRunner,
  DEFAULT_RETRY_POLICY,
  retryDelayMs,
  type JobRunnerOptions,
  type RequestState,
} from './job-runner'
import type { UpdateUserRequest } from './plan-requests'

function answer(status: number, retryAfter: string | null = null, errors: string[] = []) {
  const body = JSON.stringify({
    status,
    correlationId: `corr-${status}`,
    messages: status === 200 ? ['Successfully updated user properties for 1 users'] : [],
    errors,
  })
  return interpretResponse(status, body, retryAfter)
}

const ok = () => answer(200)

function requests(count: number): UpdateUserRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    userIds: [`u${i}`],
    userProperties: { tier: 'Gold' },
  }))
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * A clock that only moves when every request is waiting: it then jumps to the earliest sleep's
 * end. Waits are measured, not slept, and parallel waits overlap as they would for real.
 */
function fakeTime() {
  let time = 0
  const sleeps: number[] = []
  let timers: { at: number; wake: () => void }[] = []
  return {
    sleeps,
    now: () => time,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms)
        const timer = { at: time + ms, wake: resolve }
        timers.push(timer)
        signal.addEventListener('abort', () => {
          timers = timers.filter((t) => t !== timer)
          resolve()
        })
      }),
    /** Lets the job run, moving the clock whenever nothing else can happen, until it settles. */
    async settle<T>(promise: Promise<T>): Promise<T> {
      let result: { value: T } | null = null
      void promise.then((value) => (result = { value }))
      for (let idle = 0; result === null;) {
        await flush()
        if (result !== null) break
        const next = timers.sort((a, b) => a.at - b.at).shift()
        if (next === undefined) {
          idle += 1
          if (idle > 20) throw new Error('the job is stuck: nothing in flight, nothing waiting')
          continue
        }
        time = Math.max(time, next.at)
        next.wake()
      }
      return (result as { value: T }).value
    },
  }
}

/** Records what was sent; `reply` decides each answer from the request and its send number. */
function fakeServer(reply: (request: UpdateUserRequest, sendNumber: number) => FanPassResult) {
  const sent: string[] = []
  const sendsPerUser = new Map<string, number>()
  return {
    sent,
    send: async (request: UpdateUserRequest) => {
      const key = request.userIds.join(',')
      const sendNumber = (sendsPerUser.get(key) ?? 0) + 1
      sendsPerUser.set(key, sendNumber)
      sent.push(key)
      return reply(request, sendNumber)
    },
  }
}

/** Sends that stay unanswered until the test answers them, to observe what is in flight. */
function heldServer() {
  const held: { key: string; answer: (result: FanPassResult) => void }[] = []
  let maxInFlight = 0
  return {
    held,
    get maxInFlight() {
      return maxInFlight
    },
    send: (request: UpdateUserRequest) =>
      new Promise<FanPassResult>((resolve) => {
        held.push({ key: request.userIds.join(','), answer: resolve })
        maxInFlight = Math.max(maxInFlight, held.length)
      }).finally(() => undefined),
    answerNext(result: FanPassResult = ok()) {
      const next = held.shift()
      if (next === undefined) throw new Error('nothing in flight')
      next.answer(result)
    },
  }
}

function runner(overrides: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, 'send'>) {
  const time = fakeTime()
  const settled: [number, RequestState][] = []
  const job = createJobRunner({
    requests: requests(6),
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    onSettled: (index, state) => {
      settled.push([index, state])
    },
    ...overrides,
  })
  return { job, time, settled }
}

describe('retryDelayMs', () => {
  it('doubles the backoff per attempt, never below half of it, capped at the maximum', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 8_000 }
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, null, 0, policy))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000,
    ])
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, null, 0.5, policy))).toEqual([
      750, 1_500, 3_000, 6_000, 6_000,
    ])
  })

  it('waits at least what Retry-After asked, with at most 1 s of jitter on top', () => {
    expect(retryDelayMs(1, 1_000, 0, DEFAULT_RETRY_POLICY)).toBe(1_000)
    expect(retryDelayMs(1, 1_000, 0.5, DEFAULT_RETRY_POLICY)).toBe(1_050)
    expect(retryDelayMs(1, 120_000, 0.5, DEFAULT_RETRY_POLICY)).toBe(120_500)
    // Retry-After wins over a longer backoff too: FanPass knows when it will be ready.
    expect(retryDelayMs(6, 2_000, 0, DEFAULT_RETRY_POLICY)).toBe(2_000)
  })
})

describe('createJobRunner', () => {
  it('sends every request once with at most 4 in flight, and counts users done', async () => {
    const server = heldServer()
    const job = createJobRunner({ requests: requests(10), send: server.send })

    const finished = job.run()
    await flush()
    expect(server.held.map((h) => h.key)).toEqual(['u0', 'u1', 'u2', 'u3'])
    expect(job.snapshot().counts).toMatchObject({ inFlight: 4, succeeded: 0, pending: 10 })

    for (let i = 0; i < 10; i += 1) {
      server.answerNext()
      await flush()
    }
    const snapshot = await finished

    expect(server.maxInFlight).toBe(4)
    expect(snapshot.phase).toBe('finished')
    expect(snapshot.counts).toEqual({
      requests: 10,
      succeeded: 10,
      failed: 0,
      pending: 0,
      inFlight: 0,
      users: 10,
      usersDone: 10,
    })
  })

  it('counts a user as done only when every request carrying them succeeded', async () => {
    const plan: UpdateUserRequest[] = [
      { userIds: ['a', 'b'], userProperties: { tier: 'Gold' } },
      { userIds: ['a'], userProperties: { team: 'Reds' } },
    ]
    const server = fakeServer((request) => (request.userIds.length === 1 ? answer(400) : ok()))
    const { job, time } = runner({ requests: plan, send: server.send })

    const snapshot = await time.settle(job.run())

    expect(snapshot.counts).toMatchObject({ succeeded: 1, failed: 1, users: 2, usersDone: 1 })
  })

  it('waits what Retry-After asks after a 429, then sends the request again', async () => {
    const server = fakeServer((request, n) =>
      request.userIds[0] === 'u0' && n === 1 ? answer(429, '1') : ok(),
    )
    const { job, time } = runner({ send: server.send, concurrency: 1 })

    const snapshot = await time.settle(job.run())

    expect(snapshot.phase).toBe('finished')
    expect(snapshot.counts.succeeded).toBe(6)
    expect(time.sleeps).toEqual([1_000])
    expect(server.sent).toEqual(['u0', 'u0', 'u1', 'u2', 'u3', 'u4', 'u5'])
    expect(snapshot.states[0]).toMatchObject({ status: 'succeeded', attempts: 2 })
  })

  it('keeps parallel requests from sending until the time a 429 asked for', async () => {
    const sent: { key: string; at: number }[] = []
    const time = fakeTime()
    const job = createJobRunner({
      requests: requests(6),
      now: time.now,
      sleep: time.sleep,
      random: () => 0,
      concurrency: 2,
      send: async (request) => {
        const key = request.userIds[0] ?? ''
        sent.push({ key, at: time.now() })
        return key === 'u0' && sent.length === 1 ? answer(429, '3') : ok()
      },
    })

    const snapshot = await time.settle(job.run())

    expect(snapshot.counts.succeeded).toBe(6)
    expect(sent.slice(0, 2)).toEqual([
      { key: 'u0', at: 0 },
      { key: 'u1', at: 0 },
    ])
    expect(sent.slice(2).every((send) => send.at >= 3_000)).toBe(true)
    expect(sent).toHaveLength(7)
  })

  it('retries 503s and network failures with growing waits, then marks the request failed', async () => {
    const network: FanPassResult = { ...answer(503), kind: 'network-error', httpStatus: null }
    const server = fakeServer((request, n) => {
      if (request.userIds[0] !== 'u0') return ok()
      return n % 2 === 1 ? answer(503) : network
    })
    const { job, time, settled } = runner({
      send: server.send,
      concurrency: 1,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 },
    })

    const snapshot = await time.settle(job.run())

    expect(server.sent.filter((key) => key === 'u0')).toHaveLength(4)
    expect(time.sleeps).toEqual([50, 100, 200])
    expect(snapshot.states[0]).toMatchObject({
      status: 'failed',
      attempts: 4,
      last: { kind: 'network-error' },
    })
    expect(snapshot.counts).toMatchObject({ succeeded: 5, failed: 1, pending: 0 })
    expect(settled.map(([index]) => index).sort()).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('fails a 400 at once with the server errors and correlationId, without retrying', async () => {
    const server = fakeServer((request) =>
      request.userIds[0] === 'u2' ? answer(400, null, ['userIds must be an array']) : ok(),
    )
    const { job, time } = runner({ send: server.send })

    const snapshot = await time.settle(job.run())

    expect(server.sent.filter((key) => key === 'u2')).toHaveLength(1)
    expect(time.sleeps).toEqual([])
    expect(snapshot.states[2]).toEqual({
      status: 'failed',
      attempts: 1,
      last: expect.objectContaining({
        kind: 'rejected',
        httpStatus: 400,
        errors: ['userIds must be an array'],
        correlationId: 'corr-400',
      }),
    })
  })

  it('pauses for a new token on a 401, sends nothing more, and resumes where it stopped', async () => {
    let tokenValid = true
    const server = fakeServer((request, n) => {
      if (request.userIds[0] === 'u2' && n === 1) tokenValid = false
      return tokenValid ? ok() : answer(401)
    })
    const { job } = runner({ send: server.send, concurrency: 1 })

    const finished = job.run()
    await flush()

    const paused = job.snapshot()
    expect(paused.phase).toBe('paused-for-token')
    expect(paused.unauthorized?.kind).toBe('unauthorized')
    expect(paused.counts).toMatchObject({ succeeded: 2, pending: 4, failed: 0 })
    expect(paused.states[2]).toMatchObject({ status: 'pending', attempts: 0 })
    expect(server.sent).toEqual(['u0', 'u1', 'u2'])

    tokenValid = true
    job.resume()
    const snapshot = await finished

    expect(snapshot.phase).toBe('finished')
    expect(server.sent).toEqual(['u0', 'u1', 'u2', 'u2', 'u3', 'u4', 'u5'])
    expect(snapshot.counts.succeeded).toBe(6)
  })

  it('a 401 to a request sent with the old token, answered after Resume, does not pause the job again', async () => {
    // As FanPass does when a token expires: requests already on their way are refused one by one,
    // and the last refusal can arrive after the marketer pasted a new token and pressed Resume.
    const server = heldServer()
    const job = createJobRunner({ requests: requests(6), send: server.send, concurrency: 2 })
    const finished = job.run()
    await flush()

    server.answerNext(answer(401))
    await flush()
    expect(job.phase()).toBe('paused-for-token')
    job.resume()
    await flush()
    server.answerNext(answer(401))
    await flush()
    expect(job.phase()).toBe('running')
    expect(job.snapshot().unauthorized).toBeNull()

    while (server.held.length > 0) {
      server.answerNext()
      await flush()
    }
    const snapshot = await finished
    expect(snapshot.phase).toBe('finished')
    expect(snapshot.counts).toMatchObject({ succeeded: 6, failed: 0 })
  })

  it('starts nothing while paused, records answers already on their way, and resumes', async () => {
    const server = heldServer()
    const job = createJobRunner({ requests: requests(6), send: server.send, concurrency: 2 })
    const finished = job.run()
    await flush()

    job.pause()
    server.answerNext()
    server.answerNext()
    await flush()
    expect(job.snapshot()).toMatchObject({
      phase: 'paused',
      counts: { succeeded: 2, inFlight: 0 },
    })
    expect(server.held).toHaveLength(0)

    job.resume()
    for (let i = 0; i < 4; i += 1) {
      await flush()
      server.answerNext()
    }
    expect((await finished).counts.succeeded).toBe(6)
    expect(server.maxInFlight).toBe(2)
  })

  it('cancels: no new sends, in-flight answers recorded, the rest left pending', async () => {
    const server = heldServer()
    const job = createJobRunner({ requests: requests(6), send: server.send, concurrency: 2 })
    const finished = job.run()
    await flush()

    job.cancel()
    expect(job.snapshot().phase).toBe('cancelling')
    server.answerNext()
    server.answerNext(answer(400))
    const snapshot = await finished

    expect(snapshot.phase).toBe('cancelled')
    expect(snapshot.counts).toMatchObject({ succeeded: 1, failed: 1, pending: 4, inFlight: 0 })
    expect(server.held).toHaveLength(0)
  })

  it('stops waiting for a retry at once when cancelled', async () => {
    let sleeping: AbortSignal | null = null
    const job = createJobRunner({
      requests: requests(1),
      send: async () => answer(503),
      sleep: (_ms, signal) => {
        sleeping = signal
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve()))
      },
    })
    const finished = job.run()
    await flush()
    expect(sleeping).not.toBeNull()

    job.cancel()
    const snapshot = await finished

    expect(snapshot.phase).toBe('cancelled')
    expect(snapshot.states[0]).toMatchObject({ status: 'pending', attempts: 1 })
  })

  it('resumes a saved job without sending the requests that had succeeded', async () => {
    const saved: RequestState[] = [
      { status: 'succeeded', attempts: 1, last: null },
      { status: 'pending', attempts: 0, last: null },
      { status: 'succeeded', attempts: 2, last: null },
      { status: 'failed', attempts: 1, last: null },
      { status: 'pending', attempts: 0, last: null },
      { status: 'pending', attempts: 0, last: null },
    ]
    const server = fakeServer(() => ok())
    const { job, time } = runner({ send: server.send, initialStates: saved })

    const snapshot = await time.settle(job.run())

    expect(server.sent.sort()).toEqual(['u1', 'u4', 'u5'])
    expect(snapshot.counts).toMatchObject({ succeeded: 5, failed: 1, usersDone: 5 })
  })

  it('saves each settled request before reusing its slot, and reports a failed save', async () => {
    const order: string[] = []
    const server = fakeServer((request) => {
      order.push(`send ${request.userIds[0]}`)
      return ok()
    })
    const job = createJobRunner({
      requests: requests(3),
      send: server.send,
      concurrency: 1,
      onSettled: async (index) => {
        order.push(`save ${index}`)
        if (index === 1) throw new Error('The browser storage is full.')
      },
    })

    const snapshot = await job.run()

    expect(order).toEqual(['send u0', 'save 0', 'send u1', 'save 1', 'send u2', 'save 2'])
    expect(snapshot.saveError).toBe('The browser storage is full.')
    expect(snapshot.counts.succeeded).toBe(3)
  })

  it('retries only the failed requests when asked after the job finished', async () => {
    let outage = true
    const server = fakeServer((request) =>
      outage && Number(request.userIds[0]?.slice(1)) % 2 === 0 ? answer(400) : ok(),
    )
    const { job, time } = runner({ send: server.send })
    const first = await time.settle(job.run())
    expect(first.counts).toMatchObject({ succeeded: 3, failed: 3 })

    outage = false
    server.sent.length = 0
    const second = await time.settle(job.retryFailed())

    expect(server.sent.sort()).toEqual(['u0', 'u2', 'u4'])
    expect(second.phase).toBe('finished')
    expect(second.counts).toMatchObject({ succeeded: 6, failed: 0 })
  })

  it('treats a send that throws as a failure with a sentence, not a crash', async () => {
    const { job, time } = runner({
      requests: requests(1),
      send: async () => {
        throw new Error('Paste an API token first.')
      },
    })

    const snapshot = await time.settle(job.run())

    expect(snapshot.states[0]?.status).toBe('failed')
    expect(snapshot.states[0]?.last?.sentence).toBe(
      'The console could not send this request: Paste an API token first.',
    )
  })
})
