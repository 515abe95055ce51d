import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { UpstreamTarget } from '../config.ts'
import {
  ListNotKeptError,
  type HistoryStore,
  type NewHistoryRecord,
} from '../history/history-store.ts'
import { compressBucket, type IdBlock } from '../history/id-buckets.ts'
import { HistoryRecorder } from '../history/recorder.ts'
import { fakeJwt } from '../testing/http-fixtures.ts'
import { UNUSED_RECIPES } from '../testing/unused-recipes.ts'

// What the history's write routes refuse before anything is stored (an absurd time, another
// FanPass host's records), and how /ids answers a list pruned while it is read.

const token = fakeJwt({ sub: 'jane', name: 'Jane Doe', exp: Math.floor(Date.now() / 1000) + 3600 })
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
const PRODUCTION = new URL('https://fanpass-api.fanreachdata.io')

const apps: FastifyInstance[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A console forwarding to `url` over a store that grants the test's token and keeps what it is given. */
function consoleWith(url: URL, target: UpstreamTarget, overrides: Partial<HistoryStore> = {}) {
  const inserted: NewHistoryRecord[] = []
  const unused = () => Promise.reject(new Error('not used by this test'))
  const store: HistoryStore = {
    recipes: UNUSED_RECIPES,
    insertRecord: async (record) => {
      inserted.push(record)
      return true
    },
    storeIdList: async () => undefined,
    annotate: async () => true,
    listRecords: unused,
    getRecord: unused,
    latestAccepted: unused,
    readIdList: () => ({ [Symbol.asyncIterator]: () => ({ next: unused }) }),
    findFan: unused,
    listsBeingStored: async () => [],
    markListLost: unused,
    claimTag: unused,
    renewTagClaim: unused,
    releaseTagClaim: unused,
    rememberToken: unused,
    tokenScope: async () => 'lions',
    ping: async () => undefined,
    close: async () => undefined,
    ...overrides,
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-record-checks-'))
  dirs.push(dataDir)
  const recorder = new HistoryRecorder({
    store: async () => store,
    dataDir,
    keepLists: 10,
    scopeClaim: undefined,
    fanpassHost: url.host,
    historyHost: url.origin,
    warn: () => undefined,
  })
  const app = buildConsoleServer({
    upstream: { url, target },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: undefined },
  })
  app.addHook('onClose', () => recorder.close())
  apps.push(app)
  return { app, inserted }
}

const segment = (overrides: Record<string, unknown> = {}) => ({
  kind: 'segment',
  importKey: 'a'.repeat(64),
  createdAt: '2026-11-20T09:12:00.000Z',
  targetHost: 'fanpass-api.fanreachdata.io',
  tag: 'matchdayFans',
  title: 'Matchday fans',
  sourceType: 1,
  notes: '',
  httpStatus: 200,
  correlationId: 'corr-browser',
  messages: [],
  errors: [],
  annotations: { files: [], rowsRead: 2, removed: {} },
  ids: ['0012', '305'],
  ...overrides,
})
const job = (overrides: Record<string, unknown> = {}) => ({
  jobId: 'job-7',
  createdAt: '2026-11-20T09:13:00.000Z',
  requestsPlanned: 2,
  requestsSucceeded: 2,
  requestsFailed: 0,
  usersUpdated: 1500,
  status: 'succeeded',
  ...overrides,
})
const importedJob = (overrides: Record<string, unknown> = {}) =>
  job({
    kind: 'properties-job',
    importKey: 'b'.repeat(64),
    targetHost: 'fanpass-api.fanreachdata.io',
    ...overrides,
  })

const inTwoDays = () => new Date(Date.now() + 2 * 24 * 3_600_000).toISOString()

describe('a time that cannot be true is refused with a sentence naming the record', () => {
  it.each([
    ['before 2000', '1970-01-01T00:00:00.000Z', 'which is before 2000'],
    ['more than a day ahead', inTwoDays(), 'which is in the future'],
  ])('refuses an import dated %s, storing nothing', async (_case, createdAt, why) => {
    const { app, inserted } = consoleWith(PRODUCTION, 'production')
    const records = [
      { body: segment({ createdAt }), named: 'the upload of tag "matchdayFans"' },
      { body: importedJob({ createdAt }), named: 'the properties job "job-7"' },
    ]
    for (const { body, named } of records) {
      const answer = await app.inject({
        method: 'POST',
        url: '/console/history/import',
        headers,
        payload: body,
      })
      expect(answer.statusCode).toBe(400)
      const [sentence] = answer.json<{ errors: string[] }>().errors
      expect(sentence).toContain(why)
      expect(sentence).toContain(named)
    }
    expect(inserted).toEqual([])
  })

  it.each([
    ['before 2000', '1999-12-31T23:59:59.000Z', 'which is before 2000'],
    ['more than a day ahead', inTwoDays(), 'which is in the future'],
  ])('refuses a properties job dated %s, storing nothing', async (_case, createdAt, why) => {
    const { app, inserted } = consoleWith(PRODUCTION, 'production')
    const answer = await app.inject({
      method: 'POST',
      url: '/console/history/jobs',
      headers,
      payload: job({ createdAt }),
    })
    expect(answer.statusCode).toBe(400)
    const [sentence] = answer.json<{ errors: string[] }>().errors
    expect(sentence).toMatch(/^The properties job "job-7" says it finished at /)
    expect(sentence).toContain(why)
    expect(inserted).toEqual([])
  })

  it('refuses a time that is not a date (31 April) with the route sentence, storing nothing', async () => {
    const { app, inserted } = consoleWith(PRODUCTION, 'production')
    const answer = await app.inject({
      method: 'POST',
      url: '/console/history/jobs',
      headers,
      payload: job({ createdAt: '2026-04-31T00:00:00.000Z' }),
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json<{ errors: string[] }>().errors).toEqual([
      'The console could not read this properties job.',
    ])
    expect(inserted).toEqual([])
  })

  it('files a job dated an hour ahead (a clock a little fast) and one from 2000', async () => {
    const { app, inserted } = consoleWith(PRODUCTION, 'production')
    for (const createdAt of [
      new Date(Date.now() + 3_600_000).toISOString(),
      '2000-01-01T00:00:00.000Z',
    ]) {
      const answer = await app.inject({
        method: 'POST',
        url: '/console/history/jobs',
        headers,
        payload: job({ createdAt }),
      })
      expect(answer.statusCode).toBe(200)
    }
    expect(inserted).toHaveLength(2)
  })
})

describe("an import never brings another FanPass host's uploads into this host's history", () => {
  it.each([
    ['a staging host', 'staging.fanreachdata.io'],
    ['a sandbox on loopback', '127.0.0.1:4010'],
    ['a host with a look-alike suffix', 'fanpass-api.fanreachdata.io.evil.example'],
  ])('a production console refuses records sent to %s', async (_case, targetHost) => {
    const { app, inserted } = consoleWith(PRODUCTION, 'production')
    for (const body of [segment({ targetHost }), importedJob({ targetHost })]) {
      const answer = await app.inject({
        method: 'POST',
        url: '/console/history/import',
        headers,
        payload: body,
      })
      expect(answer.statusCode).toBe(400)
      const [sentence] = answer.json<{ errors: string[] }>().errors
      expect(sentence).toContain(`was sent to FanPass at ${targetHost}`)
      expect(sentence).toContain('this console forwards to fanpass-api.fanreachdata.io')
    }
    expect(inserted).toEqual([])
  })

  it("a production console imports its own host's records, however the host is written", async () => {
    const { app, inserted } = consoleWith(PRODUCTION, 'production')
    for (const body of [
      segment({ targetHost: 'FanPass-API.fanreachdata.io:443' }),
      importedJob(),
    ]) {
      const answer = await app.inject({
        method: 'POST',
        url: '/console/history/import',
        headers,
        payload: body,
      })
      expect(answer.statusCode).toBe(200)
    }
    expect(inserted.map((record) => record.fanpassHost)).toHaveLength(2)
  })

  it("a sandbox console imports an earlier sandbox's records (any loopback port), never a real host's", async () => {
    const { app, inserted } = consoleWith(new URL('http://127.0.0.1:41234'), 'sandbox')
    const send = (body: object) =>
      app.inject({ method: 'POST', url: '/console/history/import', headers, payload: body })
    expect((await send(segment({ targetHost: '127.0.0.1:4010' }))).statusCode).toBe(200)
    const refused = await send(importedJob())
    expect(refused.statusCode).toBe(400)
    expect(refused.json<{ errors: string[] }>().errors[0]).toContain(
      'this console forwards to its built-in sandbox',
    )
    expect(inserted).toHaveLength(1)
  })
})

describe('/ids never answers part of a list as the whole list', () => {
  const chunk = (index: number): IdBlock => ({
    index,
    count: 1,
    data: compressBucket([JSON.stringify(`fan-${index}`)]),
  })
  const recordId = '6f1c1e4e-3d1b-4c8a-9d7e-2f1a0b9c8d7e'

  it('answers 404 with a sentence, not an empty 200, when the list is pruned before its first chunk', async () => {
    const { app } = consoleWith(PRODUCTION, 'production', {
      readIdList: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new ListNotKeptError()) }),
      }),
    })
    const answer = await app.inject({ url: `/console/history/records/${recordId}/ids`, headers })
    expect(answer.statusCode).toBe(404)
    expect(answer.json<{ errors: string[] }>().errors).toEqual([
      'The ID list of this version is no longer kept.',
    ])
  })

  it('cuts the answer, never closing the JSON array, when the list is pruned mid-read', async () => {
    const { app } = consoleWith(PRODUCTION, 'production', {
      readIdList: async function* () {
        yield chunk(0)
        throw new ListNotKeptError()
      },
    })
    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    // Cut before or after the status went out: either way the page never reads a whole array.
    const read = fetch(`${url}/console/history/records/${recordId}/ids`, { headers }).then(
      (response) => response.text(),
    )
    await expect(read).rejects.toThrow()
  })
})
