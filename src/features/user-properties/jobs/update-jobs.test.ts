import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { interpretResponse, type FanPassResult } from '../../../lib/fanpass-client'
import type { PropertiesJobInput } from '../../../lib/history/history-db'
import type { UpdateUserRequest } from '../domain/plan-requests'
import { createDexieJobStore } from './job-database'
import { createUpdateJobs, type UpdateJobs, type UpdateJobsDeps } from './update-jobs'

const HOST = 'sandbox'
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function plan(count: number): UpdateUserRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    userIds: [`${i * 2}`, `${i * 2 + 1}`],
    userProperties: { membership_tier: `T${i}` },
  }))
}

const ok = (): FanPassResult =>
  interpretResponse(
    200,
    JSON.stringify({
      status: 200,
      correlationId: 'c',
      messages: ['Successfully updated'],
      errors: [],
    }),
    null,
  )

let databases = 0
const openJobs: UpdateJobs[] = []

/** A fresh database per test; two managers on one database play a tab before and after a reload. */
function setup(overrides: Partial<UpdateJobsDeps> = {}, name = `jobs-test-${(databases += 1)}`) {
  const sent: string[] = []
  const filed: PropertiesJobInput[] = []
  const deps: UpdateJobsDeps = {
    store: createDexieJobStore(name),
    send: async (request) => {
      sent.push(request.userIds[0] ?? '')
      return ok()
    },
    recordHistory: async (input) => {
      filed.push(input)
    },
    acquireLock: async () => () => undefined,
    notifyEveryMs: 0,
    runner: { random: () => 0 },
    ...overrides,
  }
  const jobs = createUpdateJobs(deps)
  openJobs.push(jobs)
  return { jobs, sent, filed, name }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return
    await flush()
  }
  throw new Error('condition never became true')
}

afterEach(() => {
  for (const jobs of openJobs.splice(0)) jobs.cancel()
})

describe('update jobs', () => {
  it('runs a job, files it in History, and remembers it as finished', async () => {
    const { jobs, sent, filed } = setup()
    let filedCalls = 0
    jobs.onJobFiled(() => (filedCalls += 1))

    await jobs.start({ requests: plan(5), source: 'tiers.csv', targetHost: HOST, concurrency: 2 })
    await until(() => filed.length === 1)

    expect(sent.sort()).toEqual(['0', '2', '4', '6', '8'])
    expect(filed[0]).toMatchObject({
      targetHost: HOST,
      requestsPlanned: 5,
      requestsSucceeded: 5,
      requestsFailed: 0,
      usersUpdated: 10,
      status: 'succeeded',
    })
    expect(filedCalls).toBe(1)
    expect(jobs.getState().current?.job).toMatchObject({
      source: 'tiers.csv',
      phase: 'finished',
      succeeded: 5,
    })
    await jobs.findInterrupted()
    expect(jobs.getState().interrupted).toBeNull()
  })

  it('after a reload, offers the interrupted job and sends only what had not succeeded', async () => {
    // Tab 1: requests 0–2 are answered, then FanPass stops answering (the tab is closed).
    const answered: ((result: FanPassResult) => void)[] = []
    const before = setup({
      send: (request) =>
        Number(request.userIds[0]) < 6
          ? Promise.resolve(ok())
          : new Promise((resolve) => answered.push(resolve)),
    })
    await before.jobs.start({
      requests: plan(8),
      source: 'a.csv',
      targetHost: HOST,
      concurrency: 2,
    })
    await until(() => before.jobs.getState().current?.job.succeeded === 3)
    await until(() => answered.length === 2)

    // Tab 2, same browser: the saved job is offered with what it had done.
    const after = setup({}, before.name)
    await after.jobs.findInterrupted()
    expect(after.jobs.getState().interrupted).toMatchObject({
      source: 'a.csv',
      phase: 'running',
      requestCount: 8,
      succeeded: 3,
      usersDone: 6,
    })

    await after.jobs.resumeInterrupted(HOST, 4)
    await until(() => after.filed.length === 1)

    expect(after.sent.sort()).toEqual(['10', '12', '14', '6', '8'])
    expect(after.filed[0]).toMatchObject({
      requestsSucceeded: 8,
      usersUpdated: 16,
      status: 'succeeded',
    })
    expect(before.filed).toEqual([])
  })

  it('does not resume a job against another FanPass host', async () => {
    const before = setup({ send: () => new Promise(() => undefined) })
    await before.jobs.start({
      requests: plan(2),
      source: 'a.csv',
      targetHost: 'api.fanpass.io',
      concurrency: 1,
    })

    const after = setup({}, before.name)
    await after.jobs.findInterrupted()
    await after.jobs.resumeInterrupted('sandbox', 4)

    expect(after.sent).toEqual([])
    expect(after.jobs.getState().error).toBe(
      'This job was sending to api.fanpass.io, but the console now sends to sandbox. It was not resumed; discard it, or restart the console against api.fanpass.io.',
    )
  })

  it('files a discarded job as cancelled and forgets it', async () => {
    const before = setup({ send: () => new Promise(() => undefined) })
    await before.jobs.start({
      requests: plan(3),
      source: 'a.csv',
      targetHost: HOST,
      concurrency: 1,
    })

    const after = setup({}, before.name)
    await after.jobs.findInterrupted()
    await after.jobs.discardInterrupted()

    expect(after.filed).toEqual([
      expect.objectContaining({ requestsPlanned: 3, requestsSucceeded: 0, status: 'cancelled' }),
    ])
    await after.jobs.findInterrupted()
    expect(after.jobs.getState().interrupted).toBeNull()
  })

  it('refuses to start while another tab holds the job lock', async () => {
    const { jobs, sent } = setup({ acquireLock: async () => null })

    await jobs.start({ requests: plan(2), source: 'a.csv', targetHost: HOST, concurrency: 1 })

    expect(sent).toEqual([])
    expect(jobs.getState().error).toBe(
      'Another tab of the console is sending updates right now. Let it finish there (or close it), then try again.',
    )
  })

  it('saves a pause at once, so a reload offers the paused job', async () => {
    const answered: ((result: FanPassResult) => void)[] = []
    const before = setup({ send: () => new Promise((resolve) => answered.push(resolve)) })
    await before.jobs.start({
      requests: plan(4),
      source: 'a.csv',
      targetHost: HOST,
      concurrency: 1,
    })
    await until(() => answered.length === 1)

    before.jobs.pause()
    answered[0]?.(ok())
    await until(() => before.jobs.getState().current?.snapshot.counts.succeeded === 1)

    const after = setup({}, before.name)
    await after.jobs.findInterrupted()
    expect(after.jobs.getState().interrupted).toMatchObject({ phase: 'paused', succeeded: 1 })
  })
})
