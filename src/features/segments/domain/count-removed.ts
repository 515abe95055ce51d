import type { ParsedSummary } from '../../../lib/ingest/types'

/**
 * Totals, over all sources, the rows each cleaning rule kept out of the list (for History).
 * e.g. two files with 3 and 2 duplicates and 1 scientific value → { duplicate: 5, scientific: 1 }
 */
export function countRemovedByKind(summaries: readonly ParsedSummary[]): Record<string, number> {
  const removed: Record<string, number> = {}
  for (const summary of summaries) {
    for (const issue of summary.issues) {
      if (issue.effect !== 'dropped' && issue.effect !== 'excluded') continue
      removed[issue.kind] = (removed[issue.kind] ?? 0) + issue.count
    }
  }
  return removed
}
