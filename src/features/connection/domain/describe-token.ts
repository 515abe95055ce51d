import { jwtDecode } from 'jwt-decode'

const EXPIRING_SOON_MS = 60 * 60 * 1000

export type TokenDescription =
  | { kind: 'empty' }
  | { kind: 'not-jwt' }
  | {
      kind: 'jwt'
      subject: string | null
      name: string | null
      expiresAt: Date | null
      expiry: 'expired' | 'expiring-soon' | 'valid' | 'never'
    }

interface FanReachClaims {
  sub?: unknown
  name?: unknown
  email?: unknown
  exp?: unknown
}

/**
 * Reads a token's claims locally, without verifying it (only FanPass can).
 * e.g. a JWT with exp in 30 minutes → { kind: 'jwt', expiry: 'expiring-soon', … }; "abc" → { kind: 'not-jwt' }
 */
export function describeToken(token: string, now: number = Date.now()): TokenDescription {
  if (token === '') return { kind: 'empty' }
  let claims: FanReachClaims
  try {
    claims = jwtDecode<FanReachClaims>(token)
  } catch {
    return { kind: 'not-jwt' }
  }
  if (typeof claims !== 'object' || claims === null) return { kind: 'not-jwt' }
  const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null
  return {
    kind: 'jwt',
    subject: typeof claims.sub === 'string' ? claims.sub : null,
    name: stringClaim(claims.name) ?? stringClaim(claims.email),
    expiresAt,
    expiry: expiryOf(expiresAt, now),
  }
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function expiryOf(expiresAt: Date | null, now: number) {
  if (expiresAt === null) return 'never' as const
  const remaining = expiresAt.getTime() - now
  if (remaining <= 0) return 'expired' as const
  return remaining <= EXPIRING_SOON_MS ? ('expiring-soon' as const) : ('valid' as const)
}
