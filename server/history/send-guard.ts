import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import {
  COMPARED_RECORD_HEADER,
  COMPARED_TAG_HEADER,
  type SendConflictAnswer,
} from '../../contracts/history.ts'
import type { HistoryRecord, HistoryStore } from './history-store.ts'
import { historyScope, readCaller } from './who.ts'

export interface SendGuardOptions {
  store: () => Promise<HistoryStore>
  scopeClaim: string | undefined
  /** The history host records are kept under (who.ts historyHost). */
  historyHost: string
  warn: (fields: Record<string, unknown>, message: string) => void
  /**
   * How long a claim lasts without being renewed: a console killed mid-send blocks the tag
   * at most this long. Default 60 s; a send in flight renews it every third of that.
   */
  claimTtlMs?: number
}

/** What the guard decided about one send. */
export type GuardDecision =
  | { kind: 'forward'; release: () => Promise<void> }
  | { kind: 'conflict'; answer: SendConflictAnswer }
  | { kind: 'refused'; sentence: string }

const CLAIM_TTL_MS = 60_000
const FORWARD: GuardDecision = { kind: 'forward', release: () => Promise.resolve() }

export const SEND_GUARD_SENTENCES = {
  badTag:
    'This send names the version it was compared against but not its tag, so the console cannot check it. Reload the page and try again.',
  inFlight: (actor: string) =>
    `${actor} is replacing this tag right now. Wait until their upload is finished, then compare again.`,
  newerVersion: (record: HistoryRecord) =>
    `${record.actorName ?? 'A colleague'} replaced this tag at ${record.createdAt}, after you compared it (now ${record.userIdCount ?? 0} IDs). Compare again before replacing it.`,
}

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return typeof value === 'string' ? value : undefined
}

function decodedTag(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/**
 * The lost-update guard of segment sends the console's page compared against a version of a tag.
 * Before forwarding, the send takes the tag's claim (one row per tag in the database, so it holds
 * across consoles), then checks that the team's last accepted upload is still the one it
 * compared against; the claim is released once FanPass answered and the record was written.
 * A send without the headers (curl, Postman) is forwarded as before; so is one the database
 * cannot check (the upload matters more than the guard).
 * e.g. two sends compared against record 7 at once → the first forwards, the second gets 409.
 */
export class SendGuard {
  private readonly ttlMs: number

  constructor(private readonly options: SendGuardOptions) {
    this.ttlMs = options.claimTtlMs ?? CLAIM_TTL_MS
  }

  async check(headers: IncomingHttpHeaders): Promise<GuardDecision> {
    const compared = headerText(headers, COMPARED_RECORD_HEADER)
    if (compared === undefined) return FORWARD
    const tag = decodedTag(headerText(headers, COMPARED_TAG_HEADER))
    if (tag === null) return { kind: 'refused', sentence: SEND_GUARD_SENTENCES.badTag }
    // No token, no scope: FanPass refuses it anyway, and nothing is recorded under a tag.
    const caller = readCaller(headers.authorization, this.options.scopeClaim, new Date())
    if (!caller) return FORWARD
    const scope = historyScope(this.options.historyHost, caller.scope)
    const claimId = randomUUID()
    let store: HistoryStore
    try {
      store = await this.options.store()
      const claim = await store.claimTag(
        { scope, tag, claimId, actorName: caller.name },
        this.ttlMs,
      )
      if (!claim.taken) return this.inFlight(claim.heldBy)
    } catch (error) {
      this.options.warn(
        { reason: String(error) },
        'send guard skipped: the database did not answer',
      )
      return FORWARD
    }
    try {
      const latest = await store.latestAccepted(scope, tag)
      if (latest !== null && latest.id !== compared) {
        await store.releaseTagClaim(claimId)
        return this.newerVersion(latest)
      }
    } catch (error) {
      this.options.warn(
        { reason: String(error) },
        'send guard skipped: the database did not answer',
      )
      await store.releaseTagClaim(claimId).catch(() => undefined)
      return FORWARD
    }
    return { kind: 'forward', release: this.holdClaim(store, claimId) }
  }

  /** Renews the claim while the send is in flight; the returned function lets it go. */
  private holdClaim(store: HistoryStore, claimId: string): () => Promise<void> {
    const renew = setInterval(() => {
      store.renewTagClaim(claimId, this.ttlMs).catch((error: unknown) => {
        this.options.warn({ reason: String(error) }, 'send guard: claim not renewed')
      })
    }, this.ttlMs / 3)
    renew.unref()
    let released = false
    return async () => {
      if (released) return
      released = true
      clearInterval(renew)
      await store.releaseTagClaim(claimId).catch((error: unknown) => {
        // It expires by itself after the claim's lifetime.
        this.options.warn({ reason: String(error) }, 'send guard: claim not released')
      })
    }
  }

  private inFlight(heldBy: string | null): GuardDecision {
    const sentence = SEND_GUARD_SENTENCES.inFlight(heldBy ?? 'A colleague')
    return {
      kind: 'conflict',
      answer: {
        status: 409,
        conflict: 'in-flight',
        sentence,
        errors: [sentence],
        actorName: heldBy,
        record: null,
      },
    }
  }

  private newerVersion(latest: HistoryRecord): GuardDecision {
    const sentence = SEND_GUARD_SENTENCES.newerVersion(latest)
    return {
      kind: 'conflict',
      answer: {
        status: 409,
        conflict: 'newer-version',
        sentence,
        errors: [sentence],
        actorName: latest.actorName,
        record: latest,
      },
    }
  }
}
