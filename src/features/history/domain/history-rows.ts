import type { TeamRecord } from '../../../lib/team-history-record'

/**
 * The records the History table lists: every segment upload, every properties job, and the
 * update_user requests that belong to no job (a one-off edit). A job's own requests (often
 * hundreds) are summed up in its job's row instead.
 * e.g. [job j1, request of j1, request of none] → [job j1, request of none]
 */
export function historyRows(records: readonly TeamRecord[]): TeamRecord[] {
  return records.filter((record) => record.kind !== 'properties-request' || record.jobId === null)
}
