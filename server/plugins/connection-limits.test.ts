import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { OperationsOptions } from '../app.ts'
import type { HistoryStore } from '../history/history-store.ts'
import {
  listenOnLoopback,
  startRecordingServer,
  validSandboxJwt,
} from '../testing/http-fixtures.ts'
import type { RecordedRequest } from '../testing/http-fixtures.ts'
import { quietRecorder } from '../testing/quiet-recorder.ts'
import { connectionLimitsPlugin } from './connection-limits.ts'

// What a slow or crowded client can hold: a trickled body is cut, and recording has a ceiling
// (concurrent uploads, spool/ and pending/ on disk) while forwarding has none.

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

const store = {
  insertRecord: async () => true,
  rememberToken: async () => undefined,
  ping: async () => undefined,
} as Partial<HistoryStore> as HistoryStore

async function startConsole(
  operations: Partial<OperationsOptions>,
  respond?: (request: RecordedRequest, res: ServerResponse) => void,
): Promise<{ port: number; url: string; dataDir: string; upstream: RecordedRequest[] }> {
  const upstream = await startRecordingServer(respond)
  stops.push(() => upstream.close())
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-limits-'))
  stops.push(async () => rmSync(dataDir, { recursive: true, force: true }))
  mkdirSync(join(dataDir, 'pending'))
  writeFileSync(join(dataDir, 'pending', 'old.json'), 'x'.repeat(4096))
  const recorder = quietRecorder(store, dataDir)
  const app: FastifyInstance = buildConsoleServer({
    upstream: { url: new URL(upstream.url), target: 'custom' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: undefined },
    operations: { dataDir, ...operations },
  })
  stops.push(async () => {
    await app.close()
    await recorder.close()
  })
  const url = await listenOnLoopback(app)
  // The recording gate measures spool/ and pending/ once a second.
  await new Promise((resolve) => setTimeout(resolve, 1_100))
  return { port: Number(new URL(url).port), url, dataDir, upstream: upstream.requests }
}

/** Sends headers announcing 1000 bytes, then one byte every `everyMs`; resolves when the console closes the socket. */
function trickle(port: number, everyMs: number): Promise<{ closedAfterMs: number; sent: number }> {
  return new Promise((resolve) => {
    const startedAt = Date.now()
    let sent = 0
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        [
          'POST /api/v1/update_user HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Content-Type: application/json',
          'Content-Length: 1000',
          '',
          '{',
        ].join('\r\n'),
      )
    })
    const timer = setInterval(() => {
      if (socket.writable) {
        socket.write(' ')
        sent += 1
      }
    }, everyMs)
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ closedAfterMs: Date.now() - startedAt, sent })
    })
    socket.resume()
  })
}

describe('a trickled request body', () => {
  it('is cut, socket closed, once no byte arrived for the idle timeout', async () => {
    const { port } = await startConsole({ bodyIdleTimeoutMs: 1_000, minBodyBytesPerSecond: 0 })
    const { closedAfterMs, sent } = await trickle(port, 60_000)
    expect(sent).toBe(0)
    expect(closedAfterMs).toBeGreaterThanOrEqual(900)
    expect(closedAfterMs).toBeLessThan(4_000)
  }, 15_000)

  it('is cut when a byte every few hundred ms keeps it from going idle but not from being too slow', async () => {
    const { port } = await startConsole({ bodyIdleTimeoutMs: 1_000, minBodyBytesPerSecond: 50 })
    const { closedAfterMs, sent } = await trickle(port, 300)
    expect(sent).toBeGreaterThan(1)
    expect(closedAfterMs).toBeLessThan(4_000)
  }, 15_000)

  it('is left alone while it keeps moving faster than the minimum rate', async () => {
    const { url } = await startConsole({ bodyIdleTimeoutMs: 1_000, minBodyBytesPerSecond: 50 })
    const chunks = ['{"userIds":["1"],', '"userProperties":{"tier":"gold"}}']
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = chunks.shift()
        if (next === undefined) return controller.close()
        await new Promise((resolve) => setTimeout(resolve, 600))
        controller.enqueue(new TextEncoder().encode(`${next}${' '.repeat(200)}`))
      },
    })
    const answer = await fetch(`${url}/api/v1/update_user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(answer.status).toBe(200)
  }, 15_000)
})

describe('recording under load', () => {
  const upload = (url: string) =>
    fetch(`${url}/api/v1/update_user`, {
      method: 'POST',
      headers: { authorization: `Bearer ${validSandboxJwt()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userIds: ['1'], userProperties: { tier: 'gold' } }),
    })

  it('records at most MAX_RECORDED_UPLOADS at once; the one beyond is forwarded and says it was not recorded', async () => {
    // FanPass answers none of the first three until all three are in flight.
    const held: ServerResponse[] = []
    const accept = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"status":200,"correlationId":"c","messages":["ok"],"errors":[]}')
    }
    const { url, upstream } = await startConsole({ maxRecordedUploads: 2 }, (request, res) => {
      if (upstream.indexOf(request) >= 3) return accept(res)
      held.push(res)
      if (held.length === 3) held.forEach(accept)
    })
    const answers = await Promise.all([upload(url), upload(url), upload(url)])

    expect(upstream).toHaveLength(3)
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    const states = answers.map((answer) => answer.headers.get('x-console-history')).sort()
    expect(states).toEqual(['not-recorded', 'recorded', 'recorded'])
    const skipped = answers.find(
      (answer) => answer.headers.get('x-console-history') === 'not-recorded',
    )
    expect(skipped?.headers.get('x-console-history-reason')).toBe(
      'FanPass received this upload, but the team history did not record it: the console was already recording 2 uploads at once.',
    )

    // Once those are done, the next upload is recorded again.
    const after = await upload(url)
    expect(after.headers.get('x-console-history')).toBe('recorded')
  }, 15_000)

  it('frees its place once FanPass answers with a status no HTTP answer has', async () => {
    let answered = 0
    const { url } = await startConsole({ maxRecordedUploads: 2 }, (_request, res) => {
      answered += 1
      res.writeHead(answered <= 2 ? 600 : 200, { 'content-type': 'application/json' })
      res.end('{"status":200,"correlationId":"c","messages":["ok"],"errors":[]}')
    })
    const odd = [await upload(url), await upload(url)]
    expect(odd.map((answer) => answer.status)).toEqual([502, 502])

    // Those two are answered: the console is recording nothing, so the next one is recorded.
    const after = await upload(url)
    expect(after.status).toBe(200)
    expect(after.headers.get('x-console-history')).toBe('recorded')
  }, 15_000)

  it('forwards without recording once spool/ and pending/ outgrow SPOOL_BUDGET_BYTES', async () => {
    const { url, upstream } = await startConsole({ spoolBudgetBytes: 1024 })
    const answer = await upload(url)
    expect(answer.status).toBe(200)
    expect(upstream).toHaveLength(1)
    expect(answer.headers.get('x-console-history')).toBe('not-recorded')
    expect(answer.headers.get('x-console-history-reason')).toContain('SPOOL_BUDGET_BYTES')
  }, 15_000)
})

describe('a closed console', () => {
  it('leaves no body watch running, even for a request answered before its body was read', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    try {
      const app = Fastify()
      await app.register(connectionLimitsPlugin, {
        headersTimeoutMs: 1_000,
        bodyIdleTimeoutMs: 1_000,
        minBodyBytesPerSecond: 1,
      })
      // As the token check does: the answer is sent before anything reads the body.
      app.addHook('onRequest', async (_request, reply) => reply.code(401).send())
      app.post('/api/v1/segments', async () => 'never reached')

      const answer = await app.inject({ method: 'POST', url: '/api/v1/segments', payload: 'x' })
      expect(answer.statusCode).toBe(401)
      expect(vi.getTimerCount()).toBe(1)

      await app.close()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
