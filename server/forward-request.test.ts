import http from 'node:http'
import { Readable } from 'node:stream'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleServerOptions } from './app.ts'
import { buildConsoleServer } from './app.ts'
import { buildSandbox } from './sandbox/build-sandbox.ts'
import type { Envelope } from './testing/api-calls.ts'
import type { RecordingServer } from './testing/http-fixtures.ts'
import {
  closedPort,
  listenOnLoopback,
  startRecordingServer,
  UUID_PATTERN,
  validSandboxJwt,
} from './testing/http-fixtures.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startConsole(
  options: Partial<ConsoleServerOptions> & Pick<ConsoleServerOptions, 'upstream'>,
) {
  const app: FastifyInstance = buildConsoleServer({
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    ...options,
  })
  cleanups.push(() => app.close())
  return listenOnLoopback(app)
}

async function startUpstream(
  respond?: Parameters<typeof startRecordingServer>[0],
): Promise<RecordingServer> {
  const server = await startRecordingServer(respond)
  cleanups.push(() => server.close())
  return server
}

interface StreamedAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * POSTs a chunked body produced by `chunks` with node:http (fetch cannot read an answer that
 * arrives while its upload is still going), resolving with the answer.
 */
function postChunked(
  url: string,
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
  headers: Record<string, string> = {},
) {
  return new Promise<StreamedAnswer>((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${validSandboxJwt()}`,
        ...headers,
      },
    })
    request.on('response', (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (data: string) => {
        body += data
      })
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
        // Done with this connection; left in the keep-alive pool it would hold up app.close().
        request.destroy()
      })
    })
    request.on('error', reject)
    const source = Readable.from(chunks)
    source.on('error', reject)
    // The console may answer and close before the whole body is out; that is what some tests expect.
    source.pipe(request).on('error', () => undefined)
  })
}

describe('body size limit', () => {
  const limit = 1_000
  const tooLarge =
    "This request is larger than the console's limit of 1000 bytes. Split the list into smaller uploads."

  it('answers 413 at once when Content-Length is over the limit, sending nothing upstream', async () => {
    const upstream = await startUpstream()
    const consoleUrl = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      bodyLimitBytes: limit,
    })

    const response = await fetch(`${consoleUrl}/api/v1/segments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(limit + 1),
    })
    const body = (await response.json()) as Envelope

    expect(response.status).toBe(413)
    expect(body).toMatchObject({ status: 413, messages: [], errors: [tooLarge] })
    expect(body.correlationId).toMatch(UUID_PATTERN)
    expect(upstream.requests).toEqual([])
  })

  it('aborts a chunked body once it passes the limit, and upstream never gets it whole', async () => {
    const upstream = await startUpstream()
    const consoleUrl = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      bodyLimitBytes: limit,
    })
    async function* slowChunks() {
      for (let index = 0; index < 20; index += 1) {
        yield Buffer.alloc(200, 'a')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }

    const answer = await postChunked(`${consoleUrl}/api/v1/update_user`, slowChunks())

    expect(answer.status).toBe(413)
    expect((JSON.parse(answer.body) as Envelope).errors).toEqual([tooLarge])
    expect(upstream.requests.filter((request) => request.complete)).toEqual([])
  })

  it('lets a chunked body of exactly the limit through', async () => {
    const upstream = await startUpstream()
    const consoleUrl = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      bodyLimitBytes: limit,
    })

    const answer = await postChunked(`${consoleUrl}/api/v1/segments`, [
      Buffer.alloc(600, 'a'),
      Buffer.alloc(400, 'b'),
    ])

    expect(answer.status).toBe(200)
    expect(upstream.requests[0]?.bodyBytes).toBe(limit)
    expect(upstream.requests[0]?.headers['transfer-encoding']).toBe('chunked')
  })
})

describe('upstream failures', () => {
  it('answers 502 when nothing listens at the FanPass address', async () => {
    const port = await closedPort()
    const consoleUrl = await startConsole({
      upstream: { url: new URL(`http://127.0.0.1:${port}`), target: 'custom' },
    })

    const response = await fetch(`${consoleUrl}/api/v1/segments`, { method: 'POST', body: '{}' })
    const body = (await response.json()) as Envelope

    expect(response.status).toBe(502)
    expect(body).toMatchObject({
      status: 502,
      messages: [],
      errors: [
        `The console could not reach FanPass at 127.0.0.1:${port}. Nothing was sent. Check your connection and try again.`,
      ],
    })
    expect(body.correlationId).toMatch(UUID_PATTERN)
  })

  it('answers 502 without promising nothing was applied when the connection breaks mid-request', async () => {
    const upstream = await startUpstream((_request, res) => res.socket?.destroy())
    const consoleUrl = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
    })

    const response = await fetch(`${consoleUrl}/api/v1/segments`, { method: 'POST', body: '{}' })
    const body = (await response.json()) as Envelope

    expect(response.status).toBe(502)
    expect(body.errors[0]).toContain(
      'broke before it answered. The request may or may not have been applied',
    )
    expect(upstream.requests).toHaveLength(1)
  })

  it('answers 504 when FanPass does not answer within the timeout', async () => {
    const upstream = await startUpstream(() => undefined)
    const consoleUrl = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      upstreamTimeoutMs: 300,
    })

    const started = performance.now()
    const response = await fetch(`${consoleUrl}/api/v1/segments`, { method: 'POST', body: '{}' })
    const body = (await response.json()) as Envelope

    expect(response.status).toBe(504)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect(body).toMatchObject({
      status: 504,
      messages: [],
      errors: [
        'FanPass did not answer within 0.3 seconds. The request may or may not have been applied; replacing a segment again is safe.',
      ],
    })
  })

  it('answers 504 through a sandbox whose delay fault outlasts the timeout', async () => {
    const sandbox = buildSandbox()
    const sandboxUrl = await listenOnLoopback(sandbox)
    cleanups.push(() => sandbox.close())
    const consoleUrl = await startConsole({
      upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
      upstreamTimeoutMs: 300,
    })
    await fetch(`${consoleUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 1_000 }),
    })

    const response = await fetch(`${consoleUrl}/api/v1/segments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${validSandboxJwt()}` },
      body: JSON.stringify({ title: 'A', tag: 'late', userIds: ['1'] }),
    })

    expect(response.status).toBe(504)
  })

  it('answers 502 when the sandbox drops the connection', async () => {
    const sandbox = buildSandbox()
    const sandboxUrl = await listenOnLoopback(sandbox)
    cleanups.push(() => sandbox.close())
    const consoleUrl = await startConsole({
      upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
    })
    await fetch(`${consoleUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ drop: true }),
    })

    const response = await fetch(`${consoleUrl}/api/v1/segments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${validSandboxJwt()}` },
      body: JSON.stringify({ title: 'A', tag: 'dropped', userIds: ['1'] }),
    })

    expect(response.status).toBe(502)
  })
})

describe('the token stays out of the logs', () => {
  it('never writes Authorization to the log, whatever happens to the request', async () => {
    const lines: string[] = []
    const logger = { level: 'trace', stream: { write: (line: string) => void lines.push(line) } }
    const token = validSandboxJwt()
    const authorization = { authorization: `Bearer ${token}` }
    const sandbox = buildSandbox()
    const sandboxUrl = await listenOnLoopback(sandbox)
    cleanups.push(() => sandbox.close())
    const healthy = await startConsole({
      upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
      logger,
    })
    const unreachable = await startConsole({
      upstream: { url: new URL(`http://127.0.0.1:${await closedPort()}`), target: 'custom' },
      logger,
    })
    const silent = await startUpstream(() => undefined)
    const slow = await startConsole({
      upstream: { url: new URL(silent.url), target: 'custom' },
      upstreamTimeoutMs: 200,
      logger,
    })
    const small = await startConsole({
      upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
      bodyLimitBytes: 10,
      logger,
    })

    const post = (base: string, path = '/api/v1/segments') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization },
        body: JSON.stringify({ title: 'A', tag: 'logs', userIds: ['1'] }),
      })
    const statuses = [
      (await post(healthy)).status,
      (await post(healthy, '/api/v1/update_user')).status,
      (await post(healthy, '/api/v1/nope')).status,
      (await post(unreachable)).status,
      (await post(slow)).status,
      (await post(small)).status,
      (await postChunked(`${small}/api/v1/segments`, [Buffer.alloc(64, 'a')], authorization))
        .status,
    ]

    expect(statuses).toEqual([200, 400, 404, 502, 504, 413, 413])
    const log = lines.join('')
    expect(log).toContain('/api/v1/segments')
    expect(log).toContain('forwarding failed')
    for (const part of token.split('.')) expect(log).not.toContain(part)
  })
})

/** The V8 garbage collector as a function, switched on at runtime (Node's documented --expose-gc flag). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

describe('large bodies stream through', () => {
  it('forwards 100 MB with the memory of a few chunks', async () => {
    const upstream = await startUpstream()
    const consoleUrl = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      bodyLimitBytes: 256 * 1024 * 1024,
    })
    const chunkSize = 64 * 1024
    const totalBytes = 100 * 1024 * 1024
    // One chunk sent over and over, so the test's own allocations do not blur the measurement.
    const chunk = Buffer.alloc(chunkSize, 0x31)
    function* body() {
      for (let sent = 0; sent < totalBytes; sent += chunkSize) yield chunk
    }
    // Collecting garbage before each sample measures what is retained, not what awaits the GC. A
    // full collection of a heap shared with other test files takes tens of milliseconds: every
    // 100 ms keeps the samples from being most of the test's time.
    const collectGarbage = exposeGc()
    const inMemory = () => {
      collectGarbage()
      const usage = process.memoryUsage()
      return usage.heapUsed + usage.arrayBuffers
    }
    const baseline = inMemory()
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, inMemory())
    }, 100)

    const answer = await postChunked(`${consoleUrl}/api/v1/segments`, body())
    clearInterval(sampler)

    expect(answer.status).toBe(200)
    expect(upstream.requests[0]?.bodyBytes).toBe(totalBytes)
    const growthMb = (peak - baseline) / (1024 * 1024)
    expect(growthMb).toBeLessThan(48)
  }, 60_000)
})
