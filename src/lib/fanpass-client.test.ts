import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { interpretResponse, parseRetryAfter, sendFanPassRequest } from './fanpass-client'

const envelope = (status: number, messages: string[], errors: string[]) =>
  JSON.stringify({
    status,
    correlationId: 'c0ffee00-0000-4000-8000-000000000000',
    messages,
    errors,
  })

describe('interpretResponse', () => {
  it('keeps a success verbatim', () => {
    const result = interpretResponse(
      200,
      envelope(200, ['Segment VIPs queued 3 for import'], []),
      null,
    )
    expect(result).toMatchObject({
      kind: 'succeeded',
      httpStatus: 200,
      correlationId: 'c0ffee00-0000-4000-8000-000000000000',
      messages: ['Segment VIPs queued 3 for import'],
      errors: [],
      retryable: false,
    })
  })

  it('quotes the server errors of a 400 and does not offer a retry', () => {
    const result = interpretResponse(
      400,
      envelope(400, [], ['Missing required fields: title, tag, userIds']),
      null,
    )
    expect(result.kind).toBe('rejected')
    expect(result.sentence).toBe(
      'FanPass rejected the request: Missing required fields: title, tag, userIds',
    )
    expect(result.retryable).toBe(false)
  })

  it.each([
    [401, 'unauthorized', false, /Generate a new token in the FanReach Portal/],
    [404, 'not-found', false, /does not know this address/],
    [413, 'too-large', false, /too large for one request/],
    [429, 'rate-limited', true, /too many requests.*wait 7 s/],
    [500, 'server-error', true, /HTTP 500.*Nothing is known to have changed/],
    [503, 'server-error', true, /HTTP 503/],
    [502, 'server-error', true, /HTTP 502/],
    [504, 'timeout', true, /did not answer in time/],
  ] as const)('HTTP %i → %s', (status, kind, retryable, sentence) => {
    const result = interpretResponse(status, envelope(status, [], ['x']), '7')
    expect(result.kind).toBe(kind)
    expect(result.retryable).toBe(retryable)
    expect(result.sentence).toMatch(sentence)
  })

  it('recognises a gateway page that is not FanPass JSON', () => {
    const result = interpretResponse(502, '<html><body>Bad Gateway</body></html>', null)
    expect(result).toMatchObject({
      kind: 'server-error',
      correlationId: null,
      messages: [],
      errors: [],
    })
    const ok = interpretResponse(200, '<html>login</html>', null)
    expect(ok.kind).toBe('unexpected-response')
    expect(ok.sentence).toMatch(/not a FanPass response/)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 10, 26, 12, 0, 0)
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})

describe('sendFanPassRequest over real HTTP', () => {
  let server: Server
  let origin: string
  const received: { authorization?: string; body: string }[] = []

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        received.push({
          authorization: request.headers.authorization,
          body: Buffer.concat(chunks).toString(),
        })
        if (request.url === '/api/v1/segments' && request.headers.authorization === 'Bearer stall')
          return
        if (request.headers.authorization === 'Bearer drop') {
          request.socket.destroy()
          return
        }
        response.setHeader('Content-Type', 'application/json')
        response.end(envelope(200, ['Segment T queued 1 for import'], []))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.closeAllConnections()
    server.close()
  })

  it('sends the bearer token and the exact body', async () => {
    const body = '{"title":"T","tag":"t","userIds":["007"]}'
    const result = await sendFanPassRequest({
      path: '/api/v1/segments',
      token: 'abc',
      body,
      origin,
    })
    expect(result.kind).toBe('succeeded')
    expect(received.at(-1)).toEqual({ authorization: 'Bearer abc', body })
  })

  it('sends a Blob body byte for byte, with the JSON content type', async () => {
    const body = '{"title":"Å","tag":"t","userIds":["007"]}'
    const result = await sendFanPassRequest({
      path: '/api/v1/segments',
      token: 'abc',
      body: new Blob([body], { type: 'application/json' }),
      origin,
    })
    expect(result.kind).toBe('succeeded')
    expect(received.at(-1)).toEqual({ authorization: 'Bearer abc', body })
  })

  it('reports a dropped connection as a network error', async () => {
    const result = await sendFanPassRequest({
      path: '/api/v1/update_user',
      token: 'drop',
      body: '{}',
      origin,
    })
    expect(result).toMatchObject({ kind: 'network-error', httpStatus: null, retryable: true })
  })

  it('reports a stall as a timeout', async () => {
    const result = await sendFanPassRequest({
      path: '/api/v1/segments',
      token: 'stall',
      body: '{}',
      origin,
      timeoutMs: 300,
    })
    expect(result).toMatchObject({ kind: 'timeout', httpStatus: null, retryable: true })
  })

  it('rejects only when the caller cancels', async () => {
    const controller = new AbortController()
    const pending = sendFanPassRequest({
      path: '/api/v1/segments',
      token: 'stall',
      body: '{}',
      origin,
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toThrow()
  })
})
