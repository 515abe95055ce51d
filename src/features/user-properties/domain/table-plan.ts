// The plan step of the bulk CSV page as one unit: check the columns, build the rows, plan the
// requests. It runs in a worker on a large file, so what it returns to the page is small (no
// rows, no request bodies): the requests stay here until the marketer sends them.
import {
  planRequests,
  type PlanStrategy,
  type PropertyConflict,
  type UpdateUserRequest,
} from './plan-requests'
import {
  analyseTable,
  type TableAnalysis,
  type TableData,
  type TableMapping,
} from './property-table'

/** Conflicts listed to the marketer; the rest are only counted. */
export const CONFLICTS_SHOWN = 5

/** Everything the page shows about a table under one mapping, without its rows. */
export type TableSummary = Omit<TableAnalysis, 'rows'>

export type PlanOutline =
  | { ok: true; requests: number; strategy: PlanStrategy; groups: string[][] }
  | { ok: false; conflicts: PropertyConflict[]; conflictCount: number }

export interface TablePlanView {
  /** Which call this answers; pass it back to `requests`. */
  seq: number
  summary: TableSummary
  /** Null while the table cannot be sent (a problem, or no row with a value). */
  outline: PlanOutline | null
}

export interface PlanSession {
  /** Analyses and plans the table under `mapping`; the plan's requests are kept for `requests`. */
  plan(
    seq: number,
    mapping: TableMapping,
    registered: ReadonlySet<string>,
    batchSize: number,
  ): TablePlanView
  /** The requests of plan `seq`; throws when a later call has replaced it. */
  requests(seq: number): UpdateUserRequest[]
}

/**
 * Holds one table and the requests of its latest plan.
 * @example createPlanSession({ columns: ['id', 'tier'], rows: [['7', 'Gold']] }).plan(1, defaultMapping(['id', 'tier'], 0), new Set(['tier']), 1000)
 * // → { seq: 1, summary: { rowsUsed: 1, … }, outline: { ok: true, requests: 1, strategy: 'by-row', groups: [['tier']] } }
 */
export function createPlanSession(table: TableData): PlanSession {
  let latest: { seq: number; requests: UpdateUserRequest[] } = { seq: -1, requests: [] }
  return {
    plan(seq, mapping, registered, batchSize) {
      const { rows, ...summary } = analyseTable(table, mapping, registered)
      latest = { seq, requests: [] }
      if (summary.problems.length > 0 || rows.length === 0) return { seq, summary, outline: null }
      const result = planRequests(rows, { batchSize })
      if (!result.ok) {
        const { conflicts } = result
        const outline: PlanOutline = {
          ok: false,
          conflicts: conflicts.slice(0, CONFLICTS_SHOWN),
          conflictCount: conflicts.length,
        }
        return { seq, summary, outline }
      }
      const { requests, strategy, groups } = result.plan
      latest = { seq, requests }
      return { seq, summary, outline: { ok: true, requests: requests.length, strategy, groups } }
    },
    requests(seq) {
      if (seq !== latest.seq) {
        throw new Error(`plan ${seq} was replaced by plan ${latest.seq} before it was sent`)
      }
      return latest.requests
    },
  }
}
