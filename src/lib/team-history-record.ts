import type { HistoryRecord } from '../../contracts/history'

/** One record of the team history, as /console/history returns it (the shared contract). */
export type TeamRecord = HistoryRecord

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
