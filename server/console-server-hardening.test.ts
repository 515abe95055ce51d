import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FORWARDED_API_PATHS, buildConsoleServer } from './app.ts'
import type { ConsoleServerOptions } from './app.ts'
import type { Envelope } from './testing/api-calls.ts'
import type { RecordingServer, TrappedConsole } from './testing/http-fixtures.ts'
import {
  closedPort,
  fakeJwt,
  listenOnLoopback,
  rawHttpExchange,
  startRecordingServer,
  startTrappedConsole,
  validSandboxJwt,
} from './testing/http-fixtures.ts'

// What a hostile page, proxy or person could send the console, beyond server/path-tricks.test.ts:
// whatever arrives, the configured FanPass host sees only the two FanPass requests, nothing else
// is reached, and every answer carries the security headers.

const started: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of started.splice(0).reverse()) await stop()
})

async function startConsole(
  options: Partial<ConsoleServerOptions> & Pick<ConsoleServerOptions, 'upstream'>,
): Promise<{ url: string; port: number }> {
  const app: FastifyInstance = buildConsoleServer({
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    ...options,
  })
  started.push(() => app.close())
  const url = await listenOnLoopback(app)
  return { url, port: Number(new URL(url).port) }
}

async function startUpstream(
  respond?: Parameters<typeof startRecordingServer>[0],
): Promise<RecordingServer> {
  const server = await startRecordingServer(respond)
  started.push(() => server.close())
  return server
}

function expectSecurityHeaders(headers: Headers | http.IncomingHttpHeaders): void {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined)
  expect(get('content-security-policy')).toMatch(/script-src 'self'(;|$)/)
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'")
  expect(get('x-content-type-options')).toBe('nosniff')
  expect(get('referrer-policy')).toBe('no-referrer')
  expect(get('x-frame-options')).toBe('DENY')
}

describe('only POST to the two FanPass paths ever leaves the console', () => {
  let trap: TrappedConsole
  beforeAll(async () => {
    trap = await startTrappedConsole('custom')
  })
  afterAll(() => trap.close())

  const body = '{"title":"A","tag":"a","userIds":["1"]}'
  const request = (line: string, headers: readonly string[] = [], payload = body) =>
    [
      line,
      ...(headers.some((header) => /^host:/i.test(header))
        ? []
        : [`Host: 127.0.0.1:${trap.consolePort}`]),
      ...headers,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(payload)}`,
      'Authorization: Bearer aaa.bbb.ccc',
      'Connection: close',
      '',
      payload,
    ].join('\r\n')

  const hostile: [string, () => string][] = [
    ...['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'].map(
      (method): [string, () => string] => [
        `${method} /api/v1/segments`,
        () => request(`${method} /api/v1/segments HTTP/1.1`),
      ],
    ),
    ['upper-case path', () => request('POST /API/V1/SEGMENTS HTTP/1.1')],
    ['percent-encoded letters', () => request('POST /api/v1/%73egments HTTP/1.1')],
    ['a double slash', () => request('POST /api//v1/segments HTTP/1.1')],
    ['a dot segment inside', () => request('POST /api/./v1/segments HTTP/1.1')],
    [
      'an encoded slash to the other endpoint',
      () => request('POST /api/v1/segments%2F..%2Fupdate_user HTTP/1.1'),
    ],
    ['a matrix parameter', () => request('POST /api/v1/segments;.css HTTP/1.1')],
    ['a NUL byte', () => request('POST /api/v1/segments%00 HTTP/1.1')],
    ['backslashes', () => request('POST /api\\v1\\segments HTTP/1.1')],
    ['a trailing dot segment', () => request('POST /api/v1/segments/. HTTP/1.1')],
    ['a very long path', () => request(`POST /api/v1/segments/${'a'.repeat(60_000)} HTTP/1.1`)],
    [
      'an https absolute-form target',
      () =>
        request(`POST https://${trap.evilHost}/api/v1/update_user HTTP/1.1`, [
          `Host: ${trap.evilHost}`,
        ]),
    ],
    [
      'a CONNECT tunnel',
      () => `CONNECT ${trap.evilHost} HTTP/1.1\r\nHost: ${trap.evilHost}\r\n\r\n`,
    ],
    [
      'HTTP/1.0 without a Host header',
      () => `POST /api/v1/segments HTTP/1.0\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ],
    [
      'Content-Length and Transfer-Encoding together (request smuggling)',
      () =>
        `POST /api/v1/segments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST http://${trap.evilHost}/ HTTP/1.1\r\nHost: ${trap.evilHost}\r\n\r\n`,
    ],
    [
      'two different Content-Length headers',
      () =>
        `POST /api/v1/segments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}`,
    ],
    ['a sandbox path against a real FanPass', () => request('GET /__sandbox/token HTTP/1.1')],
  ]

  it.each(hostile)('%s', async (_name, raw) => {
    trap.configured.requests.length = 0

    const answer = await rawHttpExchange(trap.consolePort, raw())

    expect(trap.evil.requests).toEqual([])
    for (const received of trap.configured.requests) {
      expect(received.method).toBe('POST')
      expect(FORWARDED_API_PATHS).toContain(received.url)
      expect(received.headers.host).toBe(new URL(trap.configured.url).host)
    }
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.[01] \d{3} /)
  })

  it('passes nothing but canonical paths even when several requests share one connection', async () => {
    trap.configured.requests.length = 0
    const pipelined = [
      `POST /api/v1/segments HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
      `GET http://${trap.evilHost}/ HTTP/1.1\r\nHost: ${trap.evilHost}\r\n\r\n`,
      `POST /api/v1/update_user HTTP/1.1\r\nHost: ${trap.evilHost}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    ].join('')

    await rawHttpExchange(trap.consolePort, pipelined)

    expect(trap.evil.requests).toEqual([])
    expect(
      trap.configured.requests.map((received) => `${received.method} ${received.url}`),
    ).toEqual(['POST /api/v1/segments', 'POST /api/v1/update_user'])
  })
})

describe('the sandbox routes do not exist when a real FanPass is configured', () => {
  const routes: [string, string][] = [
    ['GET', '/__sandbox/token'],
    ['GET', '/__sandbox/requests'],
    ['POST', '/__sandbox/reset'],
    ['GET', '/__sandbox/faults'],
    ['POST', '/__sandbox/faults'],
    ['DELETE', '/__sandbox/faults'],
    ['GET', '/__sandbox/segments/vips'],
    ['GET', '/__sandbox/users/12345'],
    ['GET', '/__sandbox'],
    ['GET', '/__sandbox/'],
    ['GET', '/__SANDBOX/token'],
    ['GET', '/__sandbox%2Ftoken'],
  ]

  it.each(['production', 'custom'] as const)(
    'every /__sandbox route answers 404 in %s mode and reaches nothing',
    async (target) => {
      const upstream = await startUpstream()
      const { url } = await startConsole({ upstream: { url: new URL(upstream.url), target } })

      for (const [method, path] of routes) {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{"status":503}',
        })
        expect(response.status, `${method} ${path}`).toBe(404)
        expectSecurityHeaders(response.headers)
        expect(JSON.stringify(await response.json())).not.toContain('token":"ey')
      }
      expect(upstream.requests).toEqual([])
    },
  )
})

describe('bodies over the limit', () => {
  /**
   * Starts a POST announcing `declaredBytes` (or chunked when null) and writes 64 KB chunks until
   * the answer arrives or `maxBytes` are out. Resolves with the status and the bytes written by
   * then: fewer than announced means the console answered without waiting for (or keeping) the body.
   */
  function uploadUntilAnswered(
    url: string,
    declaredBytes: number | null,
    maxBytes: number,
  ): Promise<{
    status: number
    headers: http.IncomingHttpHeaders
    body: string
    writtenBytes: number
  }> {
    return new Promise((resolve, reject) => {
      const chunk = Buffer.alloc(64 * 1024, 0x31)
      let writtenBytes = 0
      let answered = false
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(declaredBytes === null ? {} : { 'content-length': String(declaredBytes) }),
        },
      })
      req.on('response', (response) => {
        answered = true
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (data: string) => {
          body += data
        })
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            writtenBytes,
          })
          req.destroy()
        })
      })
      req.on('error', (error) => {
        if (!answered) reject(error)
      })
      const writeMore = () => {
        while (!answered && writtenBytes < maxBytes) {
          writtenBytes += chunk.length
          if (!req.write(chunk)) {
            req.once('drain', writeMore)
            return
          }
        }
      }
      writeMore()
    })
  }

  it('answers 413 to an announced 200 MB body before it is sent, forwarding none of it', async () => {
    const upstream = await startUpstream()
    const { url } = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      bodyLimitBytes: 1024 * 1024,
    })

    const answer = await uploadUntilAnswered(
      `${url}/api/v1/segments`,
      200 * 1024 * 1024,
      200 * 1024 * 1024,
    )

    expect(answer.status).toBe(413)
    expect((JSON.parse(answer.body) as Envelope).errors).toEqual([
      "This request is larger than the console's limit of 1 MB. Split the list into smaller uploads.",
    ])
    expectSecurityHeaders(answer.headers)
    expect(answer.writtenBytes).toBeLessThan(50 * 1024 * 1024)
    expect(upstream.requests).toEqual([])
  })

  it('cuts a chunked body at the limit: the answer comes mid-upload and upstream never gets it whole', async () => {
    const upstream = await startUpstream()
    const { url } = await startConsole({
      upstream: { url: new URL(upstream.url), target: 'custom' },
      bodyLimitBytes: 1024 * 1024,
    })

    const answer = await uploadUntilAnswered(`${url}/api/v1/update_user`, null, 200 * 1024 * 1024)

    expect(answer.status).toBe(413)
    expectSecurityHeaders(answer.headers)
    expect(answer.writtenBytes).toBeLessThan(50 * 1024 * 1024)
    for (const received of upstream.requests) {
      expect(received.complete).toBe(false)
      expect(received.bodyBytes).toBeLessThanOrEqual(1024 * 1024)
    }
  })
})

describe('every answer the console makes up carries the security headers', () => {
  it('502, 504 and 404 envelopes too', async () => {
    const silent = await startUpstream(() => undefined)
    const unreachable = await startConsole({
      upstream: { url: new URL(`http://127.0.0.1:${await closedPort()}`), target: 'custom' },
    })
    const slow = await startConsole({
      upstream: { url: new URL(silent.url), target: 'custom' },
      upstreamTimeoutMs: 200,
    })

    const answers = [
      await fetch(`${unreachable.url}/api/v1/segments`, { method: 'POST', body: '{}' }),
      await fetch(`${slow.url}/api/v1/update_user`, { method: 'POST', body: '{}' }),
      await fetch(`${slow.url}/api/v2/anything`, { method: 'POST', body: '{}' }),
      await fetch(`${slow.url}/console/nothing`),
    ]

    expect(answers.map((answer) => answer.status)).toEqual([502, 504, 404, 404])
    for (const answer of answers) {
      expectSecurityHeaders(answer.headers)
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    }
  })
})

describe('the token stays out of the logs of a launched console', () => {
  const root = fileURLToPath(new URL('..', import.meta.url))
  let dist = ''
  let child: ChildProcess | undefined
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'fanpass-hardening-dist-'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>FanPass Console</title>')
  })
  afterAll(() => {
    child?.kill('SIGKILL')
    rmSync(dist, { recursive: true, force: true })
  })

  it('logs every request at trace level, with the sandbox inside, and never the token', async () => {
    // The real wiring of `npm start`: launchConsole with its in-process sandbox, at the chattiest
    // log level either logger has.
    const script = [
      `const { readServerConfig } = await import(${JSON.stringify(join(root, 'server/config.ts'))})`,
      `const { launchConsole } = await import(${JSON.stringify(join(root, 'server/launch.ts'))})`,
      `await launchConsole(readServerConfig(process.env), { kind: 'static', root: process.env.TEST_DIST })`,
    ].join('\n')
    const output: string[] = []
    const launched = spawn(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), '--input-type=module', '-e', script],
      {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          FANPASS_API_URL: '',
          LOG_LEVEL: 'trace',
          BODY_LIMIT_BYTES: '4096',
          UPSTREAM_TIMEOUT_MS: '300',
          TEST_DIST: dist,
        },
      },
    )
    child = launched
    launched.stdout?.on('data', (data: Buffer) => output.push(data.toString('utf8')))
    launched.stderr?.on('data', (data: Buffer) => output.push(data.toString('utf8')))
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no start line in: ${output.join('')}`)),
        20_000,
      )
      launched.stdout?.on('data', () => {
        const match = /FanPass Console on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''))
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
    })

    const token = validSandboxJwt()
    const expired = fakeJwt({ sub: 'old', exp: 1 })
    const post = (path: string, body: string, bearer = token) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body,
      }).then((response) => response.status)
    const fault = (value: object) =>
      fetch(`${base}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(value),
      })
    const segment = JSON.stringify({ title: 'Logs', tag: 'logs', userIds: ['1', '2'] })

    const statuses = [
      await post('/api/v1/segments', segment),
      await post('/api/v1/segments', segment, expired),
      await post('/api/v1/update_user', '{not json'),
      await post(
        '/api/v1/segments',
        JSON.stringify({ title: 'x', tag: 'big', userIds: Array(2_000).fill('123456') }),
      ),
      await post('/api/v1/nothing', segment),
      await fault({ status: 503 }).then(() => post('/api/v1/segments', segment)),
      await fault({ drop: true }).then(() => post('/api/v1/segments', segment)),
      await fault({ delayMs: 1_000 }).then(() => post('/api/v1/segments', segment)),
    ]
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    launched.kill('SIGTERM')
    await new Promise((resolve) => launched.once('exit', resolve))

    expect(statuses).toEqual([200, 401, 400, 413, 404, 503, 502, 504])
    const log = output.join('')
    expect(log).toContain('/api/v1/segments')
    expect(log).toContain('upstream answered')
    expect(log).toContain('forwarding failed')
    for (const secret of [token, expired]) {
      for (const part of secret.split('.')) expect(log).not.toContain(part)
    }
  }, 60_000)
})
