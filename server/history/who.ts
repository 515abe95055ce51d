import { createHash } from 'node:crypto'
import { jwtDecode } from 'jwt-decode'
import type { UpstreamTarget } from '../config.ts'
import { recordedText } from './recorded-text.ts'

/** Who sent a request, read from the JWT's claims; the token itself is never kept. */
export interface Caller {
  tokenSha256: string
  name: string | null
  sub: string | null
  /**
   * The club's part of the history scope (see claimKey): '' when HISTORY_SCOPE_CLAIM is unset,
   * UNREADABLE_CLAIM when it is set and this token's claim cannot name a club.
   */
  scope: string
  /** When the token stops being valid (its exp); tokens without one count for 8 hours. Always a valid date. */
  expiresAt: Date
  /** Why this token reads no history (an absurd exp, a missing scope claim), or null. */
  refusal: string | null
}

const NO_EXP_LIFETIME_MS = 8 * 60 * 60 * 1000
const MAX_CLAIM_CHARS = 200
// No FanPass token was issued before 2000, and a Date cannot hold a time past year 275760:
// an exp outside these (in seconds) is not a time at all.
const EARLIEST_EXP_SECONDS = Date.UTC(2000, 0, 1) / 1000
const LATEST_EXP_SECONDS = Date.UTC(9999, 11, 31) / 1000
/** The claim part of a scope no reader is ever given: records made under it stay unread. */
export const UNREADABLE_CLAIM = '!'
/** The history host of the built-in sandbox: no origin looks like it, so no real host shares it. */
export const SANDBOX_HISTORY_HOST = 'sandbox'

export const CALLER_SENTENCES = {
  absurdExp:
    'This token says it expires at a time that is not a date (its exp), so the team history stays closed to it. Generate a new one in the FanReach Portal.',
  noClaim: (claim: string) =>
    `This token carries no ${claim} claim naming your club (a text or a number), so the team history stays closed to it. Ask your FanReach administrator for a token with one.`,
}

/**
 * The club's part of a scope, typed so that claim 7 and claim "7" are different clubs.
 * e.g. 'lions' → 's:lions'; 7 → 'n:7'; '' or [] or {} or null or true → null (names no club).
 */
export function claimKey(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') {
    return `s:${recordedText(value, MAX_CLAIM_CHARS)}`
  }
  if (typeof value === 'number' && Number.isFinite(value)) return `n:${String(value)}`
  return null
}

/**
 * The history host a console forwards to: the sandbox's own key (its loopback port changes at
 * every start, and its history must stay apart from every real host's), else FanPass's origin.
 * e.g. {target: 'production', url: https://fanpass-api.fanreachdata.io/} → 'https://fanpass-api.fanreachdata.io'.
 */
export function historyHost(upstream: { url: URL; target: UpstreamTarget }): string {
  return upstream.target === 'sandbox' ? SANDBOX_HISTORY_HOST : upstream.url.origin
}

/**
 * The scope records are written and read under: one FanPass host and one club. '|' cannot occur
 * in an origin, so no two (host, club) pairs share a scope.
 * e.g. ('https://fanpass-api.fanreachdata.io', 's:lions') → 'https://fanpass-api.fanreachdata.io|s:lions'.
 */
export function historyScope(host: string, claim: string): string {
  return `${host}|${claim}`
}

function claimText(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number'
    ? recordedText(String(value), MAX_CLAIM_CHARS)
    : null
}

/** exp (seconds) as a date, or null when it cannot be one, e.g. 1e13 → null; '1700000000' → null. */
function expiry(exp: unknown): Date | null {
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null
  if (exp < EARLIEST_EXP_SECONDS || exp > LATEST_EXP_SECONDS) return null
  return new Date(exp * 1000)
}

/**
 * Decodes (never verifies: only FanPass can) the bearer token of an Authorization header.
 * e.g. 'Bearer eyJ…{"name":"Jane Doe","sub":"jane","exp":…}' → {name: 'Jane Doe', sub: 'jane', …};
 * no bearer token → null; exp 1e13 → expiresAt now, refusal: CALLER_SENTENCES.absurdExp.
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
    const decoded = jwtDecode<unknown>(token)
    if (typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)) {
      claims = decoded as Record<string, unknown>
    }
  } catch {
    // Not a JWT: FanPass will refuse it; it is still hashed so the refusal can be told apart.
  }
  const expiresAt =
    claims.exp === undefined ? new Date(now.getTime() + NO_EXP_LIFETIME_MS) : expiry(claims.exp)
  const club = scopeClaim ? claimKey(claims[scopeClaim]) : ''
  return {
    tokenSha256: createHash('sha256').update(token).digest('hex'),
    name: claimText(claims.name),
    sub: claimText(claims.sub),
    scope: club ?? UNREADABLE_CLAIM,
    // An absurd exp grants nothing: it counts as expiring now.
    expiresAt: expiresAt ?? new Date(now.getTime()),
    refusal:
      expiresAt === null
        ? CALLER_SENTENCES.absurdExp
        : club === null && scopeClaim
          ? CALLER_SENTENCES.noClaim(scopeClaim)
          : null,
  }
}
