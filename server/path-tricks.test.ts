import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from './console-server.ts'
import type { RecordingServer } from './testing/http-fixtures.ts'
import { rawHttpExchange, startRecordingServer } from './testing/http-fixtures.ts'

// The "evil" server stands for any host an attacker would like the console to reach; it
// listens on loopback so that a proxy fooled by any trick below would really get through.
let configured: RecordingServer
let evil: RecordingServer
let consoleServer: FastifyInstance
let consolePort = 0
let evilHost = ''

beforeAll(async () => {
  configured = await startRecordingServer()
  evil = await startRecordingServer()
  evilHost = `127.0.0.1:${evil.port}`
  // Sandbox mode, so that the /__sandbox pass-through is under attack too.
  consoleServer = buildConsoleServer({
    upstream: { url: new URL(configured.url), target: 'sandbox' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
  })
  await consoleServer.listen({ host: '127.0.0.1', port: 0 })
  consolePort = (consoleServer.server.address() as AddressInfo).port
})
afterAll(async () => {
  await consoleServer.close()
  await configured.close()
  await evil.close()
})

const body = '{"title":"A","tag":"a","userIds":["1"]}'
function rawRequest(requestLine: string, headers: string[] = []): string {
  const lines = [
    requestLine,
    ...headers,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Authorization: Bearer aaa.bbb.ccc',
    'Connection: close',
  ]
  if (!headers.some((header) => header.toLowerCase().startsWith('host:'))) {
    lines.splice(1, 0, `Host: 127.0.0.1:${consolePort}`)
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

interface Trick {
  name: string
  request: () => string
  /** The path the configured host should see, or null when nothing may be forwarded at all. */
  forwardsTo: string | null
}

const tricks: Trick[] = [
  {
    name: 'dot segments',
    request: () => rawRequest('POST /api/v1/../x HTTP/1.1'),
    forwardsTo: null,
  },
  {
    name: 'encoded dot segments',
    request: () => rawRequest('POST /api/v1/segments/..%2f..%2fx HTTP/1.1'),
    forwardsTo: null,
  },
  {
    name: 'a protocol-relative path',
    request: () => rawRequest(`POST //${evilHost}/api/v1/segments HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'an encoded protocol-relative path',
    request: () => rawRequest(`POST /%2F${evilHost}/api/v1/segments HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'an absolute-form target',
    request: () =>
      rawRequest(`POST http://${evilHost}/api/v1/segments HTTP/1.1`, [`Host: ${evilHost}`]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'an absolute-form sandbox target',
    request: () =>
      rawRequest(`GET http://${evilHost}/__sandbox/requests HTTP/1.1`, [`Host: ${evilHost}`]),
    forwardsTo: null,
  },
  {
    name: 'a userinfo-looking path',
    request: () => rawRequest(`POST /api/v1/segments@${evilHost} HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'a URL in the query string',
    request: () => rawRequest(`POST /api/v1/segments?url=http://${evilHost}/ HTTP/1.1`),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'the Host header',
    request: () => rawRequest('POST /api/v1/segments HTTP/1.1', [`Host: ${evilHost}`]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'a Host header with a path',
    request: () => rawRequest('POST /api/v1/update_user HTTP/1.1', [`Host: ${evilHost}/api`]),
    forwardsTo: '/api/v1/update_user',
  },
  {
    name: 'a Host header with userinfo',
    request: () =>
      rawRequest('POST /api/v1/segments HTTP/1.1', [`Host: 127.0.0.1:${consolePort}@${evilHost}`]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'X-Forwarded-* and Forwarded headers',
    request: () =>
      rawRequest('POST /api/v1/segments HTTP/1.1', [
        `X-Forwarded-Host: ${evilHost}`,
        'X-Forwarded-Proto: http',
        `X-Forwarded-Port: ${evil.port}`,
        `Forwarded: host=${evilHost};proto=http`,
        `X-Original-URL: http://${evilHost}/`,
        `X-Rewrite-URL: http://${evilHost}/`,
      ]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'sandbox dot segments',
    request: () => rawRequest('GET /__sandbox/../../x HTTP/1.1'),
    forwardsTo: null,
  },
  {
    name: 'sandbox encoded dot segments',
    request: () => rawRequest('GET /__sandbox/..%2F..%2Fx HTTP/1.1'),
    forwardsTo: null,
  },
  {
    name: 'a sandbox protocol-relative path',
    request: () => rawRequest(`GET /__sandbox//${evilHost}/x HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'a sandbox userinfo-looking path',
    request: () => rawRequest(`GET /__sandbox/@${evilHost}/requests HTTP/1.1`),
    forwardsTo: `/__sandbox/@${'EVIL_HOST'}/requests`,
  },
]

describe('no request trick makes the console reach another host', () => {
  it.each(tricks)('$name', async ({ request, forwardsTo }) => {
    configured.requests.length = 0

    const answer = await rawHttpExchange(consolePort, request())

    expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /)
    expect(evil.requests).toEqual([])
    const expected = forwardsTo === null ? [] : [forwardsTo.replace('EVIL_HOST', evilHost)]
    expect(configured.requests.map((received) => received.url)).toEqual(expected)
    for (const received of configured.requests) {
      expect(received.headers.host).toBe(new URL(configured.url).host)
      expect(received.headers['x-forwarded-host']).toBeUndefined()
      expect(received.headers.forwarded).toBeUndefined()
    }
  })
})
