import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { HistoryRecord, HistoryStore } from '../history/history-store.ts'
import {
  listenOnLoopback,
  rawHttpExchange,
  startRecordingServer,
  validSandboxJwt,
} from '../testing/http-fixtures.ts'
import { quietRecorder } from '../testing/quiet-recorder.ts'

// Every answer of every route family carries the security headers, streamed and error answers
// included, and none carries the text of an internal error.

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

// What a failing database might say: a path, a version, a table. None of it is for the browser.
const INTERNAL_TEXT =
  'relation "history_records" missing at /var/lib/fanpass/pglite (PostgreSQL 15.4)'

const store = {
  tokenScope: async () => 'lions',
  ping: async () => undefined,
  insertRecord: async () => true,
  rememberToken: async () => undefined,
  getRecord: async () => ({ listState: 'kept' }) as HistoryRecord,
  readIdList: async function* () {
    yield { index: 0, count: 2, data: deflateRawSync('"12"\n"34"') }
  },
  listRecords: () => Promise.reject(new Error(INTERNAL_TEXT)),
  findFan: () => Promise.reject(new TypeError(INTERNAL_TEXT)),
} as Partial<HistoryStore> as HistoryStore

async function startConsole(): Promise<{ url: string; port: number }> {
  const sandbox = await startRecordingServer()
  stops.push(() => sandbox.close())
  const dir = mkdtempSync(join(tmpdir(), 'fanpass-answers-'))
  stops.push(async () => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>FanPass Console</title>')
  const recorder = quietRecorder(store, dir, 'sandbox')
  await recorder.start()
  const app: FastifyInstance = buildConsoleServer({
    upstream: { url: new URL(sandbox.url), target: 'sandbox' },
    bodyLimitBytes: 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    spa: { kind: 'static', root: dir },
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: undefined },
    operations: { metrics: true, dataDir: join(dir, 'missing') },
  })
  stops.push(async () => {
    await app.close()
    await recorder.close()
  })
  const url = await listenOnLoopback(app)
  return { url, port: Number(new URL(url).port) }
}

function expectSecurityHeaders(headers: Headers, what: string): void {
  expect(headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'")
  expect(headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(headers.get('referrer-policy'), what).toBe('no-referrer')
  expect(headers.get('x-frame-options'), what).toBe('DENY')
}

const authorization = `Bearer ${validSandboxJwt()}`
const json = { authorization, 'content-type': 'application/json' }

describe('the security headers', () => {
  it('are on a sample of every route family, streamed answers and errors included', async () => {
    const { url } = await startConsole()
    const samples: [string, RequestInit, number][] = [
      ['/', {}, 200],
      ['/segments/deep/page', {}, 200],
      ['/healthz', {}, 200],
      ['/readyz', {}, 503],
      ['/metrics', {}, 200],
      ['/console/config', {}, 200],
      ['/console/history/records', {}, 401],
      ['/console/history/records', { headers: { authorization } }, 503],
      [
        '/console/history/records/0b6f8f5e-2b7a-4d8e-9a51-6f1c2d3e4f50/ids',
        { headers: { authorization } },
        200,
      ],
      ['/console/history/jobs', { method: 'POST', headers: json, body: '{"jobId":' }, 400],
      ['/console/history/jobs', { method: 'POST', headers: json, body: 'x'.repeat(300_000) }, 413],
      ['/console/nothing-here', {}, 404],
      ['/api/v1/segments', { method: 'POST', headers: json, body: '{"tag":"a"}' }, 200],
      ['/api/v1/segments', { method: 'POST', headers: json, body: 'x'.repeat(4096) }, 413],
      ['/api/v2/users', {}, 404],
      ['/__sandbox/users/u-1', {}, 200],
      ['/__sandbox/..%2Fetc', {}, 404],
    ]
    for (const [path, init, status] of samples) {
      const answer = await fetch(`${url}${path}`, init)
      const what = `${init.method ?? 'GET'} ${path}`
      expect(answer.status, what).toBe(status)
      expectSecurityHeaders(answer.headers, what)
      await answer.arrayBuffer()
    }
  })

  it('are on the streamed kept list (/ids), which writes its own head', async () => {
    const { url } = await startConsole()
    const answer = await fetch(
      `${url}/console/history/records/0b6f8f5e-2b7a-4d8e-9a51-6f1c2d3e4f50/ids`,
      {
        headers: { authorization },
      },
    )
    expect(await answer.json()).toEqual(['12', '34'])
    expectSecurityHeaders(answer.headers, '/ids')
  })

  it('are on the answer to a URL the router cannot read', async () => {
    const { port } = await startConsole()
    const answer = await rawHttpExchange(
      port,
      `GET /console/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/)
    expect(answer.toLowerCase()).toContain('x-frame-options: deny')
    expect(answer.toLowerCase()).toContain('content-security-policy:')
  })
})

describe('internal error text', () => {
  it('never reaches the client: a failing store is answered with a sentence', async () => {
    const { url } = await startConsole()
    for (const path of ['/console/history/records', '/console/history/fans?userId=12']) {
      const answer = await fetch(`${url}${path}`, { headers: { authorization } })
      expect(answer.status, path).toBeGreaterThanOrEqual(500)
      const text = await answer.text()
      expect(text, path).not.toMatch(/history_records|\/var\/lib|PostgreSQL 15|TypeError/)
      const body = JSON.parse(text) as { errors: string[] }
      expect(body.errors[0], path).toMatch(/\.$/)
    }
  })
})
