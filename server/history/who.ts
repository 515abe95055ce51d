import { createHash } from 'node:crypto'
import { jwtDecode } from 'jwt-decode'
import { recordedText } from './recorded-text.ts'

/** Who sent a request, read from the JWT's claims; the token itself is never kept. */
export interface Caller {
  tokenSha256: string
  name: string | null
  sub: string | null
  /** The club's records: the value of HISTORY_SCOPE_CLAIM, '' when unset or absent. */
  scope: string
  /** When the token stops being valid (its exp); tokens without one count for 8 hours. */
  expiresAt: Date
}

const NO_EXP_LIFETIME_MS = 8 * 60 * 60 * 1000
const MAX_CLAIM_CHARS = 200

function claimText(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number'
    ? recordedText(String(value), MAX_CLAIM_CHARS)
    : null
}

/**
 * Decodes (never verifies: only FanPass can) the bearer token of an Authorization header.
 * e.g. 'Bearer eyJ…{"name":"Jane Doe","sub":"jane","exp":…}' → {name: 'Jane Doe', sub: 'jane', …};
 * no bearer token → null.
 */
export function readCaller(
  authorization: string | undefined,
  scopeClaim: string | undefined,
  now: Date,
): Caller | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
  if (!token) return null
  let claims: Record<string, unknown> = {}
  try {
    claims = jwtDecode<Record<string, unknown>>(token)
  } catch {
    // Not a JWT: FanPass will refuse it; it is still hashed so the refusal can be told apart.
  }
  const exp =
    typeof claims.exp === 'number' ? claims.exp * 1000 : now.getTime() + NO_EXP_LIFETIME_MS
  return {
    tokenSha256: createHash('sha256').update(token).digest('hex'),
    name: claimText(claims.name),
    sub: claimText(claims.sub),
    scope: scopeClaim ? (claimText(claims[scopeClaim]) ?? '') : '',
    expiresAt: new Date(exp),
  }
}
