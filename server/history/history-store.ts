import type { IdBlock, KeptIdList } from './id-buckets.ts'

export type RecordKind = 'segment' | 'properties-request' | 'properties-job'
export type RecordOrigin = 'console' | 'browser-import'
export type ListState = 'none' | 'storing' | 'kept' | 'pruned'

/** What the page adds to a record that only it knows; never sent to FanPass. */
export interface RecordAnnotations {
  files: { name: string; size: number; sha256: string | null }[]
  rowsRead: number | null
  removed: Record<string, number>
}

/** One recorded request (or a properties job's summary), as written once and read back. */
export interface NewHistoryRecord {
  id: string
  scope: string
  kind: RecordKind
  origin: RecordOrigin
  createdAt: string
  actorName: string | null
  actorSub: string | null
  fanpassHost: string
  tag: string | null
  title: string | null
  sourceType: number | null
  notes: string | null
  userIdCount: number | null
  bodySha256: string | null
  correlationId: string | null
  httpStatus: number | null
  messages: string[]
  errors: string[]
  jobId: string | null
  /** Kind-specific facts: property names sent, a job's request counts and status. */
  details: Record<string, unknown>
  /** 'storing' when an accepted segment's ID list follows through storeIdList. */
  listState: ListState
}

export interface HistoryRecord extends NewHistoryRecord {
  annotations: RecordAnnotations | null
}

/** One kept version of a tag, and whether a searched ID is in it. */
export interface FanVersion {
  recordId: string
  tag: string
  title: string | null
  createdAt: string
  actorName: string | null
  idCount: number
  containsId: boolean
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

/**
 * The team history. One interface, two databases (embedded PGlite, a PostgreSQL server), one
 * shared test suite (history-store-suite.ts). Every read takes the caller's scope (club).
 */
export interface HistoryStore {
  /** Writes a record once; false when a record with this id already exists (a retried spool). */
  insertRecord(record: NewHistoryRecord): Promise<boolean>
  /**
   * Keeps the ID list of an accepted segment upload and prunes the tag to its newest `keep`
   * lists. Safe to repeat with the same buckets after a crash.
   */
  storeIdList(recordId: string, list: KeptIdList, keep: number): Promise<void>
  annotate(scope: string, recordId: string, annotations: RecordAnnotations): Promise<boolean>
  listRecords(scope: string, limit: number): Promise<HistoryRecord[]>
  getRecord(scope: string, recordId: string): Promise<HistoryRecord | null>
  /** The newest segment upload of `tag` FanPass accepted (2xx), by anyone in the scope. */
  latestAccepted(scope: string, tag: string): Promise<HistoryRecord | null>
  /** The kept list's chunks, in upload order; empty when the list is not kept. */
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
  ping(): Promise<void>
  close(): Promise<void>
}
