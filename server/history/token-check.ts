import { randomBytes, createHmac } from 'node:crypto'
import type { HistoryStore } from './history-store.ts'
import { historyScope, readCaller, type Caller } from './who.ts'

/**
 * The request the console sends on its own: update_user without userIds, as the collection's
 * "Error: Missing Fields (400)" example sends it. It changes nothing, and a valid token gets
 * exactly PROBE_ANSWER back.
 */
export const PROBE_BODY = '{"userProperties":{}}'
/** What the collection documents FanPass answers PROBE_BODY with, for a valid token. */
export const PROBE_ANSWER = {
  status: 400,
  error: 'Missing required fields: userIds, userProperties',
}

// A meaningful probe is learned again now and then: FanPass may be redeployed or reconfigured.
const CALIBRATION_LIFETIME_MS = 10 * 60 * 1000
// One probe per unknown token per minute, and its outcome (a refusal too) answers meanwhile.
const PROBE_EVERY_MS = 60 * 1000
// However many different tokens arrive, the console asks FanPass at most this often a minute.
const PROBES_PER_MINUTE = 60
const HOUR_MS = 60 * 60 * 1000

export type TokenCheck =
  { ok: true; scope: string } | { ok: false; status: 401 | 503; sentence: string }

export const TOKEN_SENTENCES = {
  missing: 'The team history is read with your FanPass API token: paste it under Connection first.',
  expired: 'Your FanPass API token has expired. Generate a new one in the FanReach Portal.',
  refused: 'FanPass did not accept this token, so the team history stays closed to it.',
  unprovable:
    'The team history opens after your first upload with this token: FanPass does not say whether a token is valid before it is used.',
  unreachable: 'FanPass could not be asked whether this token is valid. Try again in a moment.',
  busy: 'The console has asked FanPass about many tokens in the last minute. Try again in a minute.',
  databaseAway: 'The team history database does not answer right now. Uploads still work.',
} as const

/** FanPass's answer to the probe: its status and, for a 400, the errors of its envelope. */
export interface ProbeAnswer {
  status: number
  errors: unknown
}
type Probe = (authorization: string) => Promise<ProbeAnswer>

export interface TokenCheckerOptions {
  store: () => Promise<HistoryStore>
  sendProbe: Probe
  scopeClaim: string | undefined
  /** The history host of the FanPass this console forwards to (who.ts historyHost). */
  fanpassHost: string
  /** How long a remembered grant lasts at most, whatever the token's exp says. */
  grantHours: number
  /**
   * false for the built-in sandbox only: it accepts any well-formed JWT by design, so no
   * calibration could pass, and its history holds sandbox uploads only (kept under its own
   * host); the console says at start that anyone on its port reads it.
   */
  calibrate: boolean
  warn?: (fields: Record<string, unknown>, message: string) => void
  now?: () => number
}

/** Whether FanPass answered a probe exactly as the collection documents for a valid token. */
export function isDocumentedProbeAnswer(answer: ProbeAnswer): boolean {
  return (
    answer.status === PROBE_ANSWER.status &&
    Array.isArray(answer.errors) &&
    answer.errors.length === 1 &&
    answer.errors[0] === PROBE_ANSWER.error
  )
}

/**
 * Tokens no FanPass can accept, yet shaped like real ones: a JWT signed with a key of our own,
 * an unsigned (alg none) JWT, and a string that is no JWT at all.
 */
function impossibleTokens(nowMs: number): string[] {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const payload = encode({
    sub: 'fanpass-console-calibration',
    iat: Math.floor(nowMs / 1000),
    exp: Math.floor(nowMs / 1000) + 3600,
  })
  const hs256 = `${encode({ alg: 'HS256', typ: 'JWT' })}.${payload}`
  const wrongKey = createHmac('sha256', randomBytes(32)).update(hs256).digest('base64url')
  return [
    `${hs256}.${wrongKey}`,
    `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'not-a-fanpass-token',
  ]
}

/**
 * Decides whether a read of the history may go ahead: the token's SHA-256 must be one this
 * FanPass host accepted in the last grantHours (and before its exp), or the probe must prove it.
 * The probe proves something only while FanPass refuses (401) tokens it cannot have issued:
 * that is learned (calibrated) again every 10 minutes, and whenever FanPass answers oddly.
 */
export class TokenChecker {
  private calibration: { at: number; meaningful: Promise<boolean> } | undefined
  private readonly recent = new Map<string, { at: number; outcome: Promise<TokenCheck> }>()
  private probeTimes: number[] = []

  constructor(private readonly options: TokenCheckerOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  async check(authorization: string | undefined): Promise<TokenCheck> {
    const nowMs = this.now()
    const now = new Date(nowMs)
    const caller = readCaller(authorization, this.options.scopeClaim, now)
    if (!caller) return { ok: false, status: 401, sentence: TOKEN_SENTENCES.missing }
    if (caller.refusal) return { ok: false, status: 401, sentence: caller.refusal }
    if (caller.expiresAt <= now)
      return { ok: false, status: 401, sentence: TOKEN_SENTENCES.expired }
    const host = this.options.fanpassHost
    let store: HistoryStore
    try {
      store = await this.options.store()
      const since = new Date(nowMs - this.options.grantHours * HOUR_MS)
      const scope = await store.tokenScope(caller.tokenSha256, host, now, since)
      if (scope !== null) return { ok: true, scope }
    } catch (error) {
      this.options.warn?.(
        { reason: String(error) },
        'token check: the history database did not answer',
      )
      return { ok: false, status: 503, sentence: TOKEN_SENTENCES.databaseAway }
    }
    const seen = this.recent.get(caller.tokenSha256)
    if (seen && nowMs - seen.at < PROBE_EVERY_MS) return seen.outcome
    if (!this.withinBudget(nowMs)) {
      return { ok: false, status: 503, sentence: TOKEN_SENTENCES.busy }
    }
    const outcome = this.prove(caller, authorization ?? '', store, nowMs)
    this.forgetOld(nowMs)
    this.recent.set(caller.tokenSha256, { at: nowMs, outcome })
    return outcome
  }

  private async prove(
    caller: Caller,
    authorization: string,
    store: HistoryStore,
    nowMs: number,
  ): Promise<TokenCheck> {
    if (!(await this.meaningful(nowMs))) {
      return { ok: false, status: 401, sentence: TOKEN_SENTENCES.unprovable }
    }
    const answer = await this.ask(`Bearer ${authorization.replace(/^Bearer\s+/i, '').trim()}`)
    if (answer.status === 401 || answer.status === 403) {
      return { ok: false, status: 401, sentence: TOKEN_SENTENCES.refused }
    }
    if (!isDocumentedProbeAnswer(answer)) {
      // FanPass no longer answers as it did when calibrated: learn it again next time.
      this.calibration = undefined
      return { ok: false, status: 503, sentence: TOKEN_SENTENCES.unreachable }
    }
    const scope = historyScope(this.options.fanpassHost, caller.scope)
    const grantEnd = nowMs + this.options.grantHours * HOUR_MS
    await store
      .rememberToken({
        tokenSha256: caller.tokenSha256,
        fanpassHost: this.options.fanpassHost,
        scope,
        acceptedAt: new Date(nowMs),
        expiresAt: new Date(Math.min(caller.expiresAt.getTime(), grantEnd)),
      })
      .catch((error: unknown) => {
        this.options.warn?.({ reason: String(error) }, 'token check: the grant was not kept')
      })
    return { ok: true, scope }
  }

  /** Sends the probe, counting it; an unreachable FanPass answers status 0. */
  private ask(authorization: string): Promise<ProbeAnswer> {
    return this.options.sendProbe(authorization).catch((error: unknown) => {
      this.options.warn?.(
        { reason: String(error) },
        'token check: FanPass did not answer the probe',
      )
      return { status: 0, errors: null }
    })
  }

  private withinBudget(nowMs: number): boolean {
    this.probeTimes = this.probeTimes.filter((at) => nowMs - at < PROBE_EVERY_MS)
    if (this.probeTimes.length >= PROBES_PER_MINUTE) return false
    this.probeTimes.push(nowMs)
    return true
  }

  private forgetOld(nowMs: number): void {
    for (const [hash, seen] of this.recent) {
      if (nowMs - seen.at >= PROBE_EVERY_MS) this.recent.delete(hash)
    }
  }

  /** Whether FanPass refuses (401) every token it cannot have issued, as last learned. */
  private meaningful(nowMs: number): Promise<boolean> {
    if (!this.options.calibrate) return Promise.resolve(true)
    const known = this.calibration
    if (known && nowMs - known.at < CALIBRATION_LIFETIME_MS) return known.meaningful
    const learning = Promise.all(
      impossibleTokens(nowMs).map((token) => this.ask(`Bearer ${token}`)),
    ).then((answers) => {
      const refused = answers.every((answer) => answer.status === 401)
      // Checked bodies first (the documented 400) is a lasting answer; anything else is none yet.
      const lasting = refused || answers.some(isDocumentedProbeAnswer)
      if (!lasting && this.calibration?.meaningful === learning) this.calibration = undefined
      return refused
    })
    this.calibration = { at: nowMs, meaningful: learning }
    return learning
  }
}

/** Sends the probe to FanPass's update_user and returns its status and, for a 400, its errors. */
export function fanpassProbe(upstreamUpdateUserUrl: URL): Probe {
  return async (authorization) => {
    const response = await fetch(upstreamUpdateUserUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: PROBE_BODY,
      signal: AbortSignal.timeout(10_000),
    })
    if (response.status !== PROBE_ANSWER.status) {
      await response.body?.cancel()
      return { status: response.status, errors: null }
    }
    let errors: unknown = null
    try {
      errors = ((await response.json()) as { errors?: unknown } | null)?.errors ?? null
    } catch {
      // Not FanPass's envelope: the answer proves nothing.
    }
    return { status: response.status, errors }
  }
}
