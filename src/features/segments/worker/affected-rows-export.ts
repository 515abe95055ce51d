// The "Download affected rows" CSV of one source: from the rows kept in memory when they are all
// there, else from reading the source again for that kind alone.
import { AffectedRowsCsv, type IssueRecords } from '../../../lib/ingest/affected-rows'
import { issueOutcome, type IssueContext } from '../../../lib/ingest/issue-report'
import type { IssueKind } from '../../../lib/ingest/types'
import type { SourceEntry } from './source-reading'

/** Where the rows come from when the ones kept at the first reading are not all of them. */
export type RereadForKind = (
  kind: IssueKind,
) => Promise<{ records: IssueRecords; context: IssueContext }>

/**
 * Every row of a source affected by one kind of change, as "file,row,original value,outcome".
 * keptRecords: the records of the rows its conditions keep, if it has conditions.
 * e.g. (tickets.csv, 'blank') → "file,row,original value,outcome\ntickets.csv,7,,Skipped: no ID in this row\n"
 */
export async function affectedRowsCsv(
  entry: SourceEntry,
  kind: IssueKind,
  keptRecords: IssueRecords | undefined,
  reread: RereadForKind,
): Promise<Blob> {
  // Rows kept by conditions: their records are the ones counted (reading again would count all).
  const { records, context } =
    keptRecords !== undefined
      ? { records: keptRecords, context: entry.context }
      : entry.records.isComplete(kind)
        ? entry
        : await reread(kind)
  const csv = new AffectedRowsCsv()
  csv.add(entry.summary.name, records.rows(kind), records.originals(kind), (original) =>
    issueOutcome(kind, original, context),
  )
  return csv.toBlob()
}
