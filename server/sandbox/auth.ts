import { createHmac } from 'node:crypto'

export const UNAUTHORIZED_SENTENCE =
  'The API access token is missing or invalid. Please verify that you are using the correct FanPass API token, which is available in the Fanreach Portal.'

const BASE64URL = /^[A-Za-z0-9_-]+$/
const SIGNATURE = /^[A-Za-z0-9_-]*$/

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether an Authorization header carries a token the sandbox accepts: a well-formed, unexpired JWT.
 * The signature cannot be checked (FanReach's keys are not public), so any well-formed one passes.
 * e.g. 'Bearer an-invalid-token' → false; 'Bearer eyJ…' with exp in the future → true.
 */
export function isAcceptedAuthorization(header: string | undefined, nowSeconds: number): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  const token = match?.[1]
  if (!token) return false
  const parts = token.split('.')
  if (parts.length !== 3) return false
  const [headerPart = '', payloadPart = '', signature = ''] = parts
  if (!SIGNATURE.test(signature)) return false
  if (!decodeJsonPart(headerPart)) return false
  const payload = decodeJsonPart(payloadPart)
  if (!payload) return false
  const exp = payload.exp
  if (exp === undefined) return true
  return typeof exp === 'number' && Number.isFinite(exp) && exp > nowSeconds
}

// Not a secret: the sandbox signs its demo tokens only so they look exactly like real HS256 JWTs.
const DEMO_SIGNING_KEY = 'fanpass-sandbox-demo-key'
const DEMO_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60

/** A demo JWT valid for 8 hours, e.g. createDemoToken(1700000000) → 'eyJhbGciOiJIUzI1NiIs….eyJzdWIiOi….kX9…'. */
export function createDemoToken(nowSeconds: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const header = encode({ alg: 'HS256', typ: 'JWT' })
  const payload = encode({
    sub: 'sandbox-marketer',
    name: 'Sandbox Marketer',
    iat: nowSeconds,
    exp: nowSeconds + DEMO_TOKEN_LIFETIME_SECONDS,
  })
  const signature = createHmac('sha256', DEMO_SIGNING_KEY)
    .update(`${header}.${payload}`)
    .digest('base64url')
  return `${header}.${payload}.${signature}`
}
