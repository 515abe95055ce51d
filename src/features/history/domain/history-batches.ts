import type { TeamRecord } from '../../../lib/team-history-record'

/** A line of the History table: one record, or the records of one batch together. */
export type HistoryEntry =
  | { kind: 'record'; record: TeamRecord }
  | {
      kind: 'batch'
      batchId: string
      /** Newest first, as the table lists records; a retried tag has a record per send. */
      records: TeamRecord[]
      /** How many tags the batch sent (its retries are not more segments). */
      segmentCount: number
      /** When its first send was answered. */
      startedAt: string
    }

/**
 * The table's records, newest first, with each batch's records gathered at its newest one.
 * e.g. [single s, batch b: planFlex, single t, batch b: planFull] → [record s, batch b (planFlex, planFull), record t]
 */
export function historyEntries(records: readonly TeamRecord[]): HistoryEntry[] {
  const batches = new Map<string, TeamRecord[]>()
  for (const record of records) {
    if (record.batchId === null) continue
    const members = batches.get(record.batchId)
    if (members) members.push(record)
    else batches.set(record.batchId, [record])
  }
  const entries: HistoryEntry[] = []
  for (const record of records) {
    if (record.batchId === null) {
      entries.push({ kind: 'record', record })
      continue
    }
    const members = batches.get(record.batchId)
    // Listed at its newest record; its other records are already in it.
    if (members?.[0] !== record) continue
    entries.push({
      kind: 'batch',
      batchId: record.batchId,
      records: members,
      segmentCount: new Set(members.map((member) => member.tag)).size,
      startedAt: members.reduce(
        (earliest, member) => (member.createdAt < earliest ? member.createdAt : earliest),
        record.createdAt,
      ),
    })
  }
  return entries
}
