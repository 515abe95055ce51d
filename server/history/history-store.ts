import type {
  FanVersion,
  HistoryRecord,
  NewHistoryRecord,
  RecordAnnotations,
} from '../../contracts/history.ts'
import type { IdBlock, KeptIdList } from './id-buckets.ts'
import type { RecipeStore } from './recipe-store.ts'

// The shapes are the contract the page reads too (contracts/history.ts).
export type {
  FanVersion,
  HistoryRecord,
  ListState,
  NewHistoryRecord,
  RecordAnnotations,
  RecordKind,
  RecordOrigin,
} from '../../contracts/history.ts'

/** A record whose ID list was being stored, e.g. when the console was killed. */
export interface ListBeingStored {
  id: string
  userIdCount: number
  createdAt: string
}

/** The list asked for is not kept (any more): pruned, never kept, or another scope's. */
export class ListNotKeptError extends Error {
  override name = 'ListNotKeptError'
  constructor() {
    super('the ID list of this version is no longer kept')
  }
}

/** A grant: a token one FanPass host accepted, kept by its hash only. */
export interface AcceptedToken {
  tokenSha256: string
  /** The history host that accepted it (who.ts historyHost): an origin, or the sandbox's key. */
  fanpassHost: string
  /** The scope it reads (who.ts historyScope), which names the same host. */
  scope: string
  acceptedAt: Date
  expiresAt: Date
}

/** Who holds a tag's send claim (send-guard.ts). */
export interface TagClaim {
  scope: string
  tag: string
  claimId: string
  actorName: string | null
}

/**
 * The team history. One interface, two databases (embedded PGlite, a PostgreSQL server), one
 * shared test suite (history-store-suite.ts). Every read takes the caller's scope (club).
 */
export interface HistoryStore {
  /** The team's recipes, in the same database and scopes (recipe-store.ts). */
  readonly recipes: RecipeStore
  /** Writes a record once; false when a record with this id already exists (a retried spool). */
  insertRecord(record: NewHistoryRecord): Promise<boolean>
  /**
   * Keeps the ID list of an accepted segment upload and prunes the tag to its newest `keep`
   * lists. Safe to repeat with the same buckets after a crash.
   */
  storeIdList(recordId: string, list: KeptIdList, keep: number): Promise<void>
  /** Records whose list is still 'storing', across scopes: what a start-up finishes or marks lost. */
  listsBeingStored(): Promise<ListBeingStored[]>
  /** Marks a list that did not survive a stop 'lost'; only a list still 'storing' changes. */
  markListLost(recordId: string): Promise<void>
  annotate(scope: string, recordId: string, annotations: RecordAnnotations): Promise<boolean>
  listRecords(scope: string, limit: number): Promise<HistoryRecord[]>
  getRecord(scope: string, recordId: string): Promise<HistoryRecord | null>
  /** The newest segment upload of `tag` FanPass accepted (2xx), by anyone in the scope. */
  latestAccepted(scope: string, tag: string): Promise<HistoryRecord | null>
  /**
   * The kept list's chunks, in upload order. Throws ListNotKeptError when the list is not kept,
   * or stops being kept (pruned) while it is read: a reader never gets part of a list as whole.
   */
  readIdList(scope: string, recordId: string): AsyncIterable<IdBlock>
  /** Every kept version of every tag in which `userId` appears, with the tag's other kept versions. */
  findFan(scope: string, userId: string): Promise<FanVersion[]>
  /** Remembers that the FanPass at `grant.fanpassHost` accepted a token (by its hash). */
  rememberToken(grant: AcceptedToken): Promise<void>
  /**
   * The scope of a token hash that the FanPass at `fanpassHost` accepted at or after
   * `acceptedSince` and that has not expired at `now`; null otherwise.
   */
  tokenScope(
    tokenSha256: string,
    fanpassHost: string,
    now: Date,
    acceptedSince: Date,
  ): Promise<string | null>
  /**
   * Takes the send claim of (scope, tag) for `ttlMs` (database time) when nobody holds it or the
   * holder's claim expired; otherwise answers who holds it. One row per tag, so exactly one of
   * two concurrent claims wins, across consoles on one database.
   */
  claimTag(
    claim: TagClaim,
    ttlMs: number,
  ): Promise<{ taken: true } | { taken: false; heldBy: string | null }>
  /** Extends a claim still held; false when it was lost (expired and taken by another send). */
  renewTagClaim(claimId: string, ttlMs: number): Promise<boolean>
  releaseTagClaim(claimId: string): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}
