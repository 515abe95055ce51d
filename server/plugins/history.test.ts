import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { HistoryStore } from '../history/history-store.ts'
import { HistoryRecorder } from '../history/recorder.ts'
import { TOKEN_SENTENCES } from '../history/token-check.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import { UNUSED_RECIPES } from '../testing/unused-recipes.ts'
import { JOB_BODY_LIMIT_BYTES } from './history/write-routes.ts'

// The history routes' edges, against a store stub: what a bad request, a refused caller, an
// oversized body and a failing store are answered with, and what the log keeps of them.

const token = fakeJwt({ sub: 'jane', name: 'Jane Doe', exp: Math.floor(Date.now() / 1000) + 3600 })
const job = {
  jobId: 'job-7',
  createdAt: '2026-12-01T09:12:00.000Z',
  requestsPlanned: 10,
  requestsSucceeded: 10,
  requestsFailed: 0,
  usersUpdated: 950,
  status: 'succeeded',
}

/** A store that knows the test's token and does what `overrides` say; anything else is a test bug. */
function storeStub(overrides: Partial<HistoryStore> = {}): HistoryStore {
  const unused = () => Promise.reject(new Error('not used by this test'))
  return {
    recipes: UNUSED_RECIPES,
    insertRecord: unused,
    storeIdList: unused,
    listsBeingStored: unused,
    markListLost: unused,
    annotate: unused,
    listRecords: unused,
    getRecord: unused,
    latestAccepted: unused,
    readIdList: () => ({ [Symbol.asyncIterator]: () => ({ next: unused }) }),
    findFan: unused,
    claimTag: unused,
    renewTagClaim: unused,
    releaseTagClaim: unused,
    rememberToken: unused,
    tokenScope: async () => 'lions',
    ping: async () => undefined,
    close: async () => undefined,
    ...overrides,
  }
}

const apps: FastifyInstance[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function consoleWith(store: HistoryStore) {
  const logLines: string[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-history-routes-'))
  dirs.push(dataDir)
  const recorder = new HistoryRecorder({
    store: async () => store,
    dataDir,
    keepLists: 10,
    scopeClaim: undefined,
    fanpassHost: 'sandbox',
    historyHost: 'sandbox',
    warn: () => undefined,
  })
  const app = buildConsoleServer({
    upstream: { url: new URL('http://127.0.0.1:9'), target: 'sandbox' },
    bodyLimitBytes: 256 * 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: { level: 'info', stream: { write: (line) => logLines.push(line) } },
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: undefined },
  })
  app.addHook('onClose', () => recorder.close())
  apps.push(app)
  return { app, logLines }
}

const withToken = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

describe('the history routes validate what they read', () => {
  it('answers bad JSON with a 400 sentence, never quoting the body', async () => {
    const { app, logLines } = consoleWith(storeStub())
    const answer = await app.inject({
      method: 'POST',
      url: '/console/history/jobs',
      headers: withToken,
      payload: '{"jobId": "secret-looking-text',
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().errors).toEqual(['The console could not read this properties job.'])
    expect(logLines.join('')).not.toContain('secret-looking-text')
  })

  it('answers a job that breaks its schema with the same sentence, and stores nothing', async () => {
    let inserted = 0
    const { app } = consoleWith(
      storeStub({
        insertRecord: async () => {
          inserted += 1
          return true
        },
      }),
    )
    const answer = await app.inject({
      method: 'POST',
      url: '/console/history/jobs',
      headers: withToken,
      payload: { ...job, status: 'done', requestsFailed: -1 },
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().errors).toEqual(['The console could not read this properties job.'])
    expect(inserted).toBe(0)
  })

  it('answers a record number that is not one with a 400 sentence', async () => {
    const { app } = consoleWith(storeStub())
    const answer = await app.inject({
      url: '/console/history/records/..%2F..%2Fetc',
      headers: withToken,
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().errors).toEqual(['The console could not read this record number.'])
  })

  it('answers a user ID longer than the form allows with a 400 sentence', async () => {
    const { app } = consoleWith(storeStub())
    const answer = await app.inject({
      url: `/console/history/fans?userId=${'1'.repeat(201)}`,
      headers: withToken,
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().errors).toEqual(['The console could not read this user ID.'])
  })

  it('answers a path under /console/history that is no route with a sentence', async () => {
    const { app } = consoleWith(storeStub())
    const answer = await app.inject({ url: '/console/history/everything', headers: withToken })
    expect(answer.statusCode).toBe(404)
    expect(answer.json().errors).toEqual(['There is nothing at GET /console/history/everything.'])
  })

  it('files the largest job the page can send, whose every character JSON-escapes to 6 bytes', async () => {
    const { app } = consoleWith(storeStub({ insertRecord: async () => true }))
    const payload = JSON.stringify({
      ...job,
      jobId: '\u0001'.repeat(200),
      usersUpdated: 2 ** 53 - 1,
    })
    expect(Buffer.byteLength(payload)).toBeLessThan(JOB_BODY_LIMIT_BYTES)
    const answer = await app.inject({
      method: 'POST',
      url: '/console/history/jobs',
      headers: withToken,
      payload,
    })
    expect(answer.statusCode).toBe(200)
  })
})

describe('one error handler logs, then answers with a sentence', () => {
  it('answers a programming error with 500, logged with the correlation id it answers with', async () => {
    const { app, logLines } = consoleWith(
      storeStub({
        listRecords: () =>
          Promise.reject(new TypeError("Cannot read properties of undefined (reading 'rows')")),
      }),
    )
    const answer = await app.inject({ url: '/console/history/records', headers: withToken })
    expect(answer.statusCode).toBe(500)
    const body = answer.json<{ correlationId: string; errors: string[] }>()
    expect(body.errors).toEqual([
      'The console hit an unexpected problem; it has been logged. Try again in a moment.',
    ])
    expect(answer.body).not.toContain('rows')
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const failure = logged.find((line) => line.correlationId === body.correlationId)
    expect(failure).toMatchObject({ level: 50, msg: 'request failed', statusCode: 500 })
    expect(JSON.stringify(failure)).toContain("reading 'rows'")
    expect(logLines.join('')).not.toContain(token)
  })

  it('answers a database that does not answer with 503 and its sentence, and logs why', async () => {
    const { app, logLines } = consoleWith(
      storeStub({
        findFan: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
      }),
    )
    const answer = await app.inject({ url: '/console/history/fans?userId=42', headers: withToken })
    expect(answer.statusCode).toBe(503)
    expect(answer.json().errors).toEqual([TOKEN_SENTENCES.databaseAway])
    expect(answer.body).not.toContain('ECONNREFUSED')
    expect(logLines.join('')).toContain('ECONNREFUSED')
  })
})

/**
 * Sends the headers of a `declaredBytes` upload and its first 64 KB, then waits for the answer
 * without sending more: resolves with the status and how many bytes had been sent by then.
 */
function startHugeUpload(
  base: string,
  declaredBytes: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const firstPiece = Buffer.alloc(64 * 1024, 0x20)
    let sentBytes = 0
    const request = http.request(`${base}/console/history/jobs`, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(declaredBytes) },
    })
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          sentBytes,
        })
        request.destroy()
      })
    })
    request.on('error', reject)
    request.write(firstPiece, () => {
      sentBytes += firstPiece.length
    })
  })
}

describe('who is asking is known before a body is read', () => {
  const twoHundredMb = 200 * 1024 * 1024

  it('refuses a 200 MB job without a token with 401, having read none of it', async () => {
    let tokenLookups = 0
    const { app } = consoleWith(
      storeStub({
        tokenScope: async () => {
          tokenLookups += 1
          return 'lions'
        },
      }),
    )
    const base = await listenOnLoopback(app)
    const answer = await startHugeUpload(base, twoHundredMb, { 'content-type': 'application/json' })
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body).errors).toEqual([TOKEN_SENTENCES.missing])
    expect(answer.sentBytes).toBeLessThanOrEqual(64 * 1024)
    expect(tokenLookups).toBe(0)
  })

  it('refuses a 200 MB job with a valid token with 413 and a sentence', async () => {
    const { app } = consoleWith(storeStub())
    const base = await listenOnLoopback(app)
    const answer = await startHugeUpload(base, twoHundredMb, withToken)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).errors).toEqual([
      "This request is larger than the console's limit of 16384 bytes. Split the list into smaller uploads.",
    ])
  })
})
