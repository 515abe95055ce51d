import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

// Written from the API collection (fanpass-api.postman_collection.json), not from the sandbox:
// a stand-in that, like the real FanPass, checks each token's HS256 signature.
const UNAUTHORIZED =
  'The API access token is missing or invalid. Please verify that you are using the correct FanPass API token, which is available in the Fanreach Portal.'

export interface SigningFanpass {
  url: string
  /** Every request's path and Authorization header, in arrival order. */
  requests: { path: string; authorization: string | undefined; body: string }[]
  /** An HS256 JWT signed with this FanPass's secret, which it accepts until its exp. */
  sign(payload: Record<string, unknown>): string
  close(): Promise<void>
}

function envelope(status: number, messages: string[], errors: string[]) {
  return JSON.stringify({ status, correlationId: randomUUID(), messages, errors })
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** Whether a bearer token is an unexpired HS256 JWT signed with `secret`; alg none never is. */
function verified(authorization: string | undefined, secret: string, nowSeconds: number): boolean {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
  const [header = '', payload = '', signature = '', ...rest] = token?.split('.') ?? []
  if (!token || rest.length > 0) return false
  if (decodePart(header)?.alg !== 'HS256') return false
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
  const claims = decodePart(payload)
  if (!claims) return false
  return claims.exp === undefined || (typeof claims.exp === 'number' && claims.exp > nowSeconds)
}

const present = (value: unknown) =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
const nonEmptyArray = (value: unknown) => Array.isArray(value) && value.length > 0
const nonEmptyObject = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0

/** The collection's answers to a verified token: 400 with the missing fields, else 200. */
function answer(path: string, body: Record<string, unknown>): [number, string] {
  if (path === '/api/v1/segments') {
    const missing = [
      present(body.title) ? null : 'title',
      present(body.tag) ? null : 'tag',
      nonEmptyArray(body.userIds) ? null : 'userIds',
    ].filter((field) => field !== null)
    if (missing.length > 0) {
      return [400, envelope(400, [], [`Missing required fields: ${missing.join(', ')}`])]
    }
    const count = (body.userIds as unknown[]).length
    return [200, envelope(200, [`Segment ${String(body.title)} queued ${count} for import`], [])]
  }
  // The collection's example: {"userProperties": {}} lacks userIds and has no properties.
  if (!nonEmptyArray(body.userIds) || !nonEmptyObject(body.userProperties)) {
    return [400, envelope(400, [], ['Missing required fields: userIds, userProperties'])]
  }
  const count = (body.userIds as unknown[]).length
  return [200, envelope(200, [`Successfully updated user properties for ${count} users`], [])]
}

/** Starts a FanPass stand-in on loopback whose tokens are HS256 JWTs signed with `secret`. */
export async function startSigningFanpass(
  secret = 'signing-fanpass-secret',
): Promise<SigningFanpass> {
  const requests: SigningFanpass['requests'] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? ''
      requests.push({ path, authorization: req.headers.authorization, body })
      const send = (status: number, text: string) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(text)
      }
      if (
        req.method !== 'POST' ||
        (path !== '/api/v1/segments' && path !== '/api/v1/update_user')
      ) {
        send(404, envelope(404, [], ['Not found']))
        return
      }
      if (!verified(req.headers.authorization, secret, Date.now() / 1000)) {
        send(401, envelope(401, [], [UNAUTHORIZED]))
        return
      }
      const parsed = decodePart(Buffer.from(body).toString('base64url')) ?? {}
      send(...answer(path, parsed))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sign(payload) {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
      // Each token the Portal issues is distinct, even two for one marketer in the same second.
      const unique = { jti: randomUUID(), ...payload }
      const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(unique)}`
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
