import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { HistoryStore } from '../history/history-store.ts'
import {
  listenOnLoopback,
  startRecordingServer,
  validSandboxJwt,
} from '../testing/http-fixtures.ts'
import { quietRecorder } from '../testing/quiet-recorder.ts'
import { loggedPath } from './access-log.ts'

// An operator reads one line per request; a fan ID never reaches it, wherever the request put one.

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

interface LogLine {
  level: number
  msg: string
  method?: string
  path?: string
  statusCode?: number
  durationMs?: number
  correlationId?: string
}

async function startLoggedConsole(): Promise<{ url: string; lines: string[] }> {
  const sandbox = await startRecordingServer()
  stops.push(() => sandbox.close())
  const lines: string[] = []
  const store = {
    tokenScope: async () => 'lions',
    findFan: async () => [],
    insertRecord: async () => true,
    rememberToken: async () => undefined,
    ping: async () => undefined,
  } as Partial<HistoryStore> as HistoryStore
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-access-log-'))
  stops.push(async () => rmSync(dataDir, { recursive: true, force: true }))
  const recorder = quietRecorder(store, dataDir, 'sandbox')
  await recorder.start()
  const app: FastifyInstance = buildConsoleServer({
    upstream: { url: new URL(sandbox.url), target: 'sandbox' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: { level: 'info', stream: { write: (line) => lines.push(line) } },
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: undefined },
  })
  stops.push(async () => {
    await app.close()
    await recorder.close()
  })
  return { url: await listenOnLoopback(app), lines }
}

describe('the access log', () => {
  it('writes one info line per request: method, path without query, status, duration, correlation id', async () => {
    const { url, lines } = await startLoggedConsole()
    const answer = await fetch(`${url}/api/v2/nothing?utm=campaign-7`)
    expect(answer.status).toBe(404)

    const accessLines = lines
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === 'request answered')
    expect(accessLines).toHaveLength(1)
    const [line] = accessLines
    expect(line).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/api/v2/nothing',
      statusCode: 404,
      correlationId: answer.headers.get('x-correlation-id'),
    })
    expect(line?.durationMs).toEqual(expect.any(Number))
    expect(lines.join('')).not.toContain('campaign-7')
    // Fastify's own request lines (with the whole URL) are off.
    expect(lines.join('')).not.toContain('incoming request')
  })

  it('keeps fan IDs out: the fan search query and sandbox user paths are logged without them', async () => {
    const { url, lines } = await startLoggedConsole()
    const authorization = `Bearer ${validSandboxJwt()}`
    await fetch(`${url}/console/history/fans?userId=fan-4242-secret`, {
      headers: { authorization },
    })
    await fetch(`${url}/__sandbox/users/fan-7777-secret`)
    await fetch(`${url}/__sandbox/users/fan%2F8888-secret?debug=fan-9999-secret`)
    await fetch(`${url}/api/v1/segments`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'VIP', tag: 'vip', userIds: ['fan-5555-secret'] }),
    })

    const logged = lines.join('')
    expect(logged).not.toMatch(/fan-\d{4}-secret|fan%2F8888/)
    const paths = lines
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === 'request answered')
      .map((line) => line.path)
    expect(paths).toEqual([
      '/console/history/fans',
      '/__sandbox/users/:id',
      '/__sandbox/users/:id',
      '/api/v1/segments',
    ])
  })
})

describe('loggedPath', () => {
  it('drops the query and any segment after users', () => {
    expect(loggedPath('/__sandbox/users/u-1?x=1')).toBe('/__sandbox/users/:id')
    expect(loggedPath('/console/history/fans?userId=u-1')).toBe('/console/history/fans')
    expect(loggedPath('/console/history/records/abc/ids')).toBe('/console/history/records/abc/ids')
  })
})
