import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ConsoleServerOptions } from './app.ts'
import { buildConsoleServer } from './app.ts'
import { buildSandbox } from './sandbox/build-sandbox.ts'
import type { Envelope } from './testing/api-calls.ts'
import type { RecordingServer } from './testing/http-fixtures.ts'
import {
  listenOnLoopback,
  startRecordingServer,
  UUID_PATTERN,
  validSandboxJwt,
} from './testing/http-fixtures.ts'

const NOT_FORWARDED =
  'The console only forwards POST /api/v1/segments and POST /api/v1/update_user.'

const started: FastifyInstance[] = []
async function startConsole(
  overrides: Partial<ConsoleServerOptions> & Pick<ConsoleServerOptions, 'upstream'>,
) {
  const app = buildConsoleServer({
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    ...overrides,
  })
  started.push(app)
  return listenOnLoopback(app)
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((app) => app.close()))
})

let upstream: RecordingServer
let staticRoot = ''
beforeAll(async () => {
  upstream = await startRecordingServer()
  staticRoot = mkdtempSync(join(tmpdir(), 'fanpass-console-dist-'))
  mkdirSync(join(staticRoot, 'assets'))
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>FanPass Console</title>')
  writeFileSync(join(staticRoot, 'assets', 'app-3f9a.js'), 'export const app = 1')
})
afterAll(async () => {
  await upstream.close()
  rmSync(staticRoot, { recursive: true, force: true })
})
afterEach(() => {
  upstream.requests.length = 0
})

const customUpstream = () => ({ url: new URL(upstream.url), target: 'custom' as const })

function expectSecurityHeaders(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? ''
  expect(csp).toContain("default-src 'self'")
  expect(csp).toMatch(/script-src 'self'(;|$)/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  expect(headers.get('x-content-type-options')).toBe('nosniff')
  expect(headers.get('referrer-policy')).toBe('no-referrer')
  expect(headers.get('x-frame-options')).toBe('DENY')
}

describe('the console forwards only the two FanPass endpoints', () => {
  it.each([
    ['GET', '/api/v1/segments'],
    ['GET', '/api/v1/update_user'],
    ['PUT', '/api/v1/segments'],
    ['DELETE', '/api/v1/update_user'],
    ['POST', '/api/v1/other'],
    ['POST', '/api/v2/segments'],
    ['POST', '/api/v1/segments/'],
    ['POST', '/api'],
    ['PATCH', '/api/'],
  ])('answers %s %s with 404 and sends nothing upstream', async (method, path) => {
    const consoleUrl = await startConsole({ upstream: customUpstream() })

    const response = await fetch(`${consoleUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${validSandboxJwt()}`, 'content-type': 'text/csv' },
      body: method === 'GET' ? undefined : 'id\n1',
    })
    const body = (await response.json()) as Envelope

    expect(response.status).toBe(404)
    expect(body).toMatchObject({ status: 404, messages: [], errors: [NOT_FORWARDED] })
    expect(body.correlationId).toMatch(UUID_PATTERN)
    expectSecurityHeaders(response.headers)
    expect(upstream.requests).toEqual([])
  })

  it('passes on only the FanPass headers, with Authorization untouched and no query string', async () => {
    const consoleUrl = await startConsole({ upstream: customUpstream() })
    const authorization = `Bearer ${validSandboxJwt()}`

    const response = await fetch(`${consoleUrl}/api/v1/segments?debug=1&target=elsewhere`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        accept: 'application/json',
        cookie: 'session=abc',
        'x-forwarded-host': 'elsewhere.example',
        'x-forwarded-for': '10.0.0.1',
        'x-api-key': 'secret',
        'user-agent': 'browser',
      },
      body: JSON.stringify({ title: 'A', tag: 'a', userIds: ['1'] }),
    })

    expect(response.status).toBe(200)
    const [received] = upstream.requests
    expect(received?.method).toBe('POST')
    expect(received?.url).toBe('/api/v1/segments')
    expect(received?.body).toBe(JSON.stringify({ title: 'A', tag: 'a', userIds: ['1'] }))
    expect(received?.headers.authorization).toBe(authorization)
    expect(received?.headers.host).toBe(new URL(upstream.url).host)
    expect(received?.headers['x-correlation-id']).toMatch(UUID_PATTERN)
    expect(Object.keys(received?.headers ?? {}).sort()).toEqual(
      [
        'accept',
        'authorization',
        'connection',
        'content-length',
        'content-type',
        'host',
        'x-correlation-id',
      ].sort(),
    )
  })

  it('keeps a base path in FANPASS_API_URL and forwards update_user there', async () => {
    const consoleUrl = await startConsole({
      upstream: { url: new URL(`${upstream.url}/gateway/`), target: 'custom' },
    })

    await fetch(`${consoleUrl}/api/v1/update_user`, { method: 'POST', body: '{}' })

    expect(upstream.requests.map((request) => request.url)).toEqual(['/gateway/api/v1/update_user'])
  })

  it('streams the upstream answer back with its status and headers, minus cookies', async () => {
    const throttling = await startRecordingServer((_request, res) => {
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': '17',
        'set-cookie': 'tracking=1',
        'content-security-policy': 'default-src *',
      })
      res.end(JSON.stringify({ status: 429, messages: [], errors: ['Slow down.'] }))
    })
    try {
      const consoleUrl = await startConsole({
        upstream: { url: new URL(throttling.url), target: 'custom' },
      })

      const response = await fetch(`${consoleUrl}/api/v1/segments`, { method: 'POST', body: '{}' })

      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('17')
      expect(response.headers.get('set-cookie')).toBeNull()
      expectSecurityHeaders(response.headers)
      expect(await response.json()).toEqual({ status: 429, messages: [], errors: ['Slow down.'] })
    } finally {
      await throttling.close()
    }
  })
})

describe('GET /console/config', () => {
  it.each([
    [
      { url: new URL('http://127.0.0.1:4999'), target: 'sandbox' as const },
      { target: 'sandbox', host: '127.0.0.1:4999' },
    ],
    [
      { url: new URL('https://fanpass-api.fanreachdata.io'), target: 'production' as const },
      { target: 'production', host: 'fanpass-api.fanreachdata.io' },
    ],
    [
      { url: new URL('https://staging.example.com:8443/'), target: 'custom' as const },
      { target: 'custom', host: 'staging.example.com:8443' },
    ],
  ])('describes the target %#', async (target, expected) => {
    const consoleUrl = await startConsole({ upstream: target })

    const response = await fetch(`${consoleUrl}/console/config`)

    expect(await response.json()).toEqual(expected)
    expectSecurityHeaders(response.headers)
  })
})

describe('the /__sandbox routes', () => {
  it('reach the sandbox through the console port in sandbox mode', async () => {
    const sandbox = buildSandbox()
    const sandboxUrl = await listenOnLoopback(sandbox)
    try {
      const consoleUrl = await startConsole({
        upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
      })
      const { token } = (await (await fetch(`${consoleUrl}/__sandbox/token`)).json()) as {
        token: string
      }

      const fault = await fetch(`${consoleUrl}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 503 }),
      })
      const faulted = await fetch(`${consoleUrl}/api/v1/segments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'A', tag: 'viaConsole', userIds: ['1'] }),
      })
      const log = (await (await fetch(`${consoleUrl}/__sandbox/requests`)).json()) as {
        requests: { status: number }[]
      }

      await fetch(`${consoleUrl}/api/v1/update_user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ userIds: ['a/b c'], userProperties: { vip_level: 'gold' } }),
      })
      const user = await fetch(`${consoleUrl}/__sandbox/users/${encodeURIComponent('a/b c')}`)

      expect(fault.status).toBe(201)
      expect(faulted.status).toBe(503)
      expect(log.requests.map((entry) => entry.status)).toEqual([503])
      expect(await user.json()).toMatchObject({ id: 'a/b c', properties: { vip_level: 'gold' } })
    } finally {
      await sandbox.close()
    }
  })

  it('are 404 when a real FanPass API is configured', async () => {
    const consoleUrl = await startConsole({ upstream: customUpstream() })

    for (const [method, path] of [
      ['GET', '/__sandbox/token'],
      ['POST', '/__sandbox/reset'],
      ['GET', '/__sandbox'],
    ] as const) {
      const response = await fetch(`${consoleUrl}${path}`, { method })
      expect(response.status).toBe(404)
      expectSecurityHeaders(response.headers)
    }
    expect(upstream.requests).toEqual([])
  })
})

describe('the app pages', () => {
  it('serves the built app with security headers and index.html for unknown page paths', async () => {
    const consoleUrl = await startConsole({
      upstream: customUpstream(),
      spa: { kind: 'static', root: staticRoot },
    })

    for (const path of ['/', '/segments/new', '/history?page=2']) {
      const response = await fetch(`${consoleUrl}${path}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>FanPass Console</title>')
      expectSecurityHeaders(response.headers)
    }
    const asset = await fetch(`${consoleUrl}/assets/app-3f9a.js`)
    expect(await asset.text()).toBe('export const app = 1')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expectSecurityHeaders(asset.headers)
  })

  it("names a page's chunks in the HTML for that page, as the build listed them", async () => {
    const root = mkdtempSync(join(tmpdir(), 'fanpass-console-dist-'))
    try {
      writeFileSync(join(root, 'index.html'), '<head>\n  <title>FanPass Console</title>\n</head>')
      writeFileSync(
        join(root, 'page-preloads.json'),
        JSON.stringify({ history: ['/assets/history-route-1.js'] }),
      )
      const consoleUrl = await startConsole({
        upstream: customUpstream(),
        spa: { kind: 'static', root },
      })

      const history = await fetch(`${consoleUrl}/history?tag=vip`)
      expect(history.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(history.headers.get('cache-control')).toBe('no-cache')
      expect(await history.text()).toContain(
        '<link rel="modulepreload" crossorigin href="/assets/history-route-1.js">',
      )
      expect(await (await fetch(`${consoleUrl}/settings`)).text()).not.toContain('modulepreload')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('does not answer reserved paths or non-GET requests with the app', async () => {
    const consoleUrl = await startConsole({
      upstream: customUpstream(),
      spa: { kind: 'static', root: staticRoot },
    })

    for (const [method, path] of [
      ['GET', '/console/other'],
      ['GET', '/api/v1/anything'],
      ['GET', '/__sandbox/token'],
      ['POST', '/segments'],
    ] as const) {
      const response = await fetch(`${consoleUrl}${path}`, { method })
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    }
  })
})
