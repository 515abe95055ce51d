/** One record of the team history, as /console/history returns it (server/history/history-store.ts). */
export interface TeamRecord {
  id: string
  kind: 'segment' | 'properties-request' | 'properties-job'
  origin: 'console' | 'browser-import'
  createdAt: string
  actorName: string | null
  fanpassHost: string
  tag: string | null
  title: string | null
  sourceType: number | null
  notes: string | null
  userIdCount: number | null
  correlationId: string | null
  httpStatus: number | null
  messages: string[]
  errors: string[]
  jobId: string | null
  details: Record<string, unknown>
  annotations: {
    files: { name: string; size: number; sha256: string | null }[]
    rowsRead: number | null
    removed: Record<string, number>
  } | null
  listState: 'none' | 'storing' | 'kept' | 'pruned'
}

/** Who made a record, for a sentence: 'Jane Doe', or how it got there. */
export function recordedBy(record: Pick<TeamRecord, 'actorName' | 'origin'>): string {
  if (record.origin === 'browser-import') return 'a browser (imported)'
  return record.actorName ?? 'an unnamed token'
}

/**
 * A record's upload named for a sentence: "Jane Doe's upload", 'the upload imported from a
 * browser' (whose author the browser never knew), "an unnamed token's upload".
 */
export function whoseUpload(record: Pick<TeamRecord, 'actorName' | 'origin'>): string {
  if (record.origin === 'browser-import') return 'the upload imported from a browser'
  return `${recordedBy(record)}'s upload`
}
