import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { ConsoleServerOptions } from '../app.ts'
import type { HistoryStore } from '../history/history-store.ts'
import { fakeJwt, listenOnLoopback, startRecordingServer } from '../testing/http-fixtures.ts'
import type { RecordingServer } from '../testing/http-fixtures.ts'
import { quietRecorder } from '../testing/quiet-recorder.ts'

// What an operator's Prometheus scrapes with METRICS=1, and that without it /metrics is nothing.

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fanpass-metrics-'))
  stops.push(async () => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function upstreamServer(): Promise<RecordingServer> {
  const server = await startRecordingServer()
  stops.push(() => server.close())
  return server
}

/** A database that knows no token: every history read needs a probe of FanPass. */
const unknownTokens = {
  tokenScope: async () => null,
  ping: async () => undefined,
  insertRecord: async () => true,
  rememberToken: async () => undefined,
} as Partial<HistoryStore> as HistoryStore

async function startConsole(
  upstream: RecordingServer,
  dataDir: string,
  extra: Partial<ConsoleServerOptions> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const recorder = quietRecorder(unknownTokens, dataDir)
  const app = buildConsoleServer({
    upstream: { url: new URL(upstream.url), target: 'custom' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    history: { store: async () => unknownTokens, recorder, keepLists: 10, scopeClaim: undefined },
    operations: { metrics: true, dataDir },
    ...extra,
  })
  stops.push(async () => {
    await app.close()
    await recorder.close()
  })
  return { app, url: await listenOnLoopback(app) }
}

const token = fakeJwt({ sub: 'jo', exp: Math.floor(Date.now() / 1000) + 3600 })

describe('GET /metrics with METRICS=1', () => {
  it('counts forwarded requests, upstream latency, probes, refusals, pending and dead-lettered records', async () => {
    const upstream = await upstreamServer()
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'pending'))
    mkdirSync(join(dataDir, 'dead-letter'))
    writeFileSync(join(dataDir, 'pending', 'a.json'), '{}')
    writeFileSync(join(dataDir, 'pending', 'b.json'), '{}')
    writeFileSync(join(dataDir, 'pending', 'b.ids'), '')
    writeFileSync(join(dataDir, 'dead-letter', 'c.json'), '{}')
    const { url } = await startConsole(upstream, dataDir)

    const upload = await fetch(`${url}/api/v1/update_user`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userIds: ['1', '2'], userProperties: { tier: 'gold' } }),
    })
    expect(upload.status).toBe(200)
    const noToken = await fetch(`${url}/console/history/records`)
    expect(noToken.status).toBe(401)
    // An unknown token makes the console ask FanPass; this stand-in answers 200 to anything, so
    // the probe proves nothing and the read is refused too.
    await fetch(`${url}/console/history/records`, { headers: { authorization: `Bearer ${token}` } })

    const scrape = await fetch(`${url}/metrics`)
    expect(scrape.status).toBe(200)
    expect(scrape.headers.get('content-type')).toContain('text/plain')
    const text = await scrape.text()
    expect(text).toContain(
      'fanpass_console_forwarded_requests_total{endpoint="/api/v1/update_user",status="200"} 1',
    )
    expect(text).toContain(
      'fanpass_console_upstream_duration_seconds_count{endpoint="/api/v1/update_user"} 1',
    )
    expect(text).toMatch(/fanpass_console_token_probes_total\{status="200"\} [1-9]/)
    expect(text).toContain('fanpass_console_refused_requests_total{family="/console/history"} 2')
    expect(text).toContain('fanpass_console_records_pending 2')
    expect(text).toContain('fanpass_console_records_dead_lettered 1')
    expect(text).toContain('process_resident_memory_bytes')
  })

  it('gives each console its own registry, so several run in one process', async () => {
    const upstream = await upstreamServer()
    const first = await startConsole(upstream, tempDir())
    const second = await startConsole(upstream, tempDir())
    await fetch(`${first.url}/api/v1/update_user`, { method: 'POST', body: '{}' })

    const secondText = await (await fetch(`${second.url}/metrics`)).text()
    expect(secondText).not.toContain('fanpass_console_forwarded_requests_total{')
    const firstText = await (await fetch(`${first.url}/metrics`)).text()
    expect(firstText).toContain(
      'fanpass_console_forwarded_requests_total{endpoint="/api/v1/update_user",status="200"} 1',
    )
  })
})

describe('GET /metrics without METRICS=1', () => {
  it('is 404 like any unknown reserved path, even where pages are served', async () => {
    const upstream = await upstreamServer()
    const pages = tempDir()
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>FanPass Console</title>')
    const { url } = await startConsole(upstream, tempDir(), {
      operations: { metrics: false },
      spa: { kind: 'static', root: pages },
    })
    const answer = await fetch(`${url}/metrics`)
    expect(answer.status).toBe(404)
    expect(await answer.text()).not.toContain('fanpass_console')
  })
})
