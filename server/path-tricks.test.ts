import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrappedConsole } from './testing/http-fixtures.ts'
import { rawHttpExchange, startTrappedConsole } from './testing/http-fixtures.ts'

// Sandbox mode, so that the /__sandbox pass-through is under attack too.
let trap: TrappedConsole
beforeAll(async () => {
  trap = await startTrappedConsole('sandbox')
})
afterAll(() => trap.close())

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
    lines.splice(1, 0, `Host: 127.0.0.1:${trap.consolePort}`)
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
    request: () => rawRequest(`POST //${trap.evilHost}/api/v1/segments HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'an encoded protocol-relative path',
    request: () => rawRequest(`POST /%2F${trap.evilHost}/api/v1/segments HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'an absolute-form target',
    request: () =>
      rawRequest(`POST http://${trap.evilHost}/api/v1/segments HTTP/1.1`, [
        `Host: ${trap.evilHost}`,
      ]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'an absolute-form sandbox target',
    request: () =>
      rawRequest(`GET http://${trap.evilHost}/__sandbox/requests HTTP/1.1`, [
        `Host: ${trap.evilHost}`,
      ]),
    forwardsTo: null,
  },
  {
    name: 'a userinfo-looking path',
    request: () => rawRequest(`POST /api/v1/segments@${trap.evilHost} HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'a URL in the query string',
    request: () => rawRequest(`POST /api/v1/segments?url=http://${trap.evilHost}/ HTTP/1.1`),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'the Host header',
    request: () => rawRequest('POST /api/v1/segments HTTP/1.1', [`Host: ${trap.evilHost}`]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'a Host header with a path',
    request: () => rawRequest('POST /api/v1/update_user HTTP/1.1', [`Host: ${trap.evilHost}/api`]),
    forwardsTo: '/api/v1/update_user',
  },
  {
    name: 'a Host header with userinfo',
    request: () =>
      rawRequest('POST /api/v1/segments HTTP/1.1', [
        `Host: 127.0.0.1:${trap.consolePort}@${trap.evilHost}`,
      ]),
    forwardsTo: '/api/v1/segments',
  },
  {
    name: 'X-Forwarded-* and Forwarded headers',
    request: () =>
      rawRequest('POST /api/v1/segments HTTP/1.1', [
        `X-Forwarded-Host: ${trap.evilHost}`,
        'X-Forwarded-Proto: http',
        `X-Forwarded-Port: ${trap.evil.port}`,
        `Forwarded: host=${trap.evilHost};proto=http`,
        `X-Original-URL: http://${trap.evilHost}/`,
        `X-Rewrite-URL: http://${trap.evilHost}/`,
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
    request: () => rawRequest(`GET /__sandbox//${trap.evilHost}/x HTTP/1.1`),
    forwardsTo: null,
  },
  {
    name: 'a sandbox userinfo-looking path',
    request: () => rawRequest(`GET /__sandbox/@${trap.evilHost}/requests HTTP/1.1`),
    forwardsTo: `/__sandbox/@${'EVIL_HOST'}/requests`,
  },
]

describe('no request trick makes the console reach another host', () => {
  it.each(tricks)('$name', async ({ request, forwardsTo }) => {
    trap.configured.requests.length = 0

    const answer = await rawHttpExchange(trap.consolePort, request())

    expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /)
    expect(trap.evil.requests).toEqual([])
    const expected = forwardsTo === null ? [] : [forwardsTo.replace('EVIL_HOST', trap.evilHost)]
    expect(trap.configured.requests.map((received) => received.url)).toEqual(expected)
    for (const received of trap.configured.requests) {
      expect(received.headers.host).toBe(new URL(trap.configured.url).host)
      expect(received.headers['x-forwarded-host']).toBeUndefined()
      expect(received.headers.forwarded).toBeUndefined()
    }
  })
})
