import type { HistoryStore } from './history-store.ts'
import { readCaller } from './who.ts'

/** The request the console sends on its own: update_user with nothing in it, which changes nothing. */
export const PROBE_BODY = '{"userIds":[],"userProperties":{}}'
// A token FanPass cannot accept, used once to learn whether FanPass checks tokens before bodies.
const IMPOSSIBLE_TOKEN = 'not-a-fanpass-token'

export type TokenCheck =
  { ok: true; scope: string } | { ok: false; status: 401 | 503; sentence: string }

export const TOKEN_SENTENCES = {
  missing: 'The team history is read with your FanPass API token: paste it under Connection first.',
  expired: 'Your FanPass API token has expired. Generate a new one in the FanReach Portal.',
  refused: 'FanPass did not accept this token, so the team history stays closed to it.',
  unprovable:
    'The team history opens after your first upload with this token: FanPass does not say whether a token is valid before it is used.',
  unreachable: 'FanPass could not be asked whether this token is valid. Try again in a moment.',
  databaseAway: 'The team history database does not answer right now. Uploads still work.',
} as const

type Send = (authorization: string) => Promise<number>

/**
 * Decides whether a read of the history may go ahead: the token's SHA-256 must be one FanPass
 * answered 2xx (until its exp), or the probe must prove it, which only means something when
 * FanPass answers the probe with 401 for a token that cannot be valid (learned once).
 */
export class TokenChecker {
  private probeMeaningful: Promise<boolean> | undefined

  constructor(
    private readonly store: () => Promise<HistoryStore>,
    private readonly sendProbe: Send,
    private readonly scopeClaim: string | undefined,
  ) {}

  async check(authorization: string | undefined): Promise<TokenCheck> {
    const now = new Date()
    const caller = readCaller(authorization, this.scopeClaim, now)
    if (!caller) return { ok: false, status: 401, sentence: TOKEN_SENTENCES.missing }
    if (caller.expiresAt <= now)
      return { ok: false, status: 401, sentence: TOKEN_SENTENCES.expired }
    let store: HistoryStore
    try {
      store = await this.store()
      const scope = await store.tokenScope(caller.tokenSha256, now)
      if (scope !== null) return { ok: true, scope }
    } catch {
      return { ok: false, status: 503, sentence: TOKEN_SENTENCES.databaseAway }
    }
    if (!(await this.learnProbe())) {
      return { ok: false, status: 401, sentence: TOKEN_SENTENCES.unprovable }
    }
    const status = await this.sendProbe(
      `Bearer ${authorization?.replace(/^Bearer\s+/i, '').trim()}`,
    ).catch(() => 0)
    if (status === 401 || status === 403) {
      return { ok: false, status: 401, sentence: TOKEN_SENTENCES.refused }
    }
    if (status !== 400) return { ok: false, status: 503, sentence: TOKEN_SENTENCES.unreachable }
    await store
      .rememberToken(caller.tokenSha256, caller.scope, caller.expiresAt)
      .catch(() => undefined)
    return { ok: true, scope: caller.scope }
  }

  private learnProbe(): Promise<boolean> {
    const learning = (this.probeMeaningful ??= this.sendProbe(`Bearer ${IMPOSSIBLE_TOKEN}`).then(
      (status) => {
        // 401: tokens are checked first; 400: bodies are. Anything else is no answer yet.
        if (status !== 401 && status !== 400) this.probeMeaningful = undefined
        return status === 401
      },
      () => {
        this.probeMeaningful = undefined
        return false
      },
    ))
    return learning
  }
}

/** Sends the probe to FanPass's update_user and returns the HTTP status. */
export function fanpassProbe(upstreamUpdateUserUrl: URL): Send {
  return async (authorization) => {
    const response = await fetch(upstreamUpdateUserUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: PROBE_BODY,
      signal: AbortSignal.timeout(10_000),
    })
    await response.body?.cancel()
    return response.status
  }
}
