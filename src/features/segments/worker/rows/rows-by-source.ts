// Each Segments source's rows and "Keep rows where…" conditions, by source ID: the conditions
// outlive a reading (another ID column keeps the filter), the rows are replaced by each reading.
import * as z from 'zod/mini'
import { rowConditionSchema, type RowCondition } from '../../../../../contracts/recipe'
import type { IssueRecords } from '../../../../lib/ingest/affected-rows'
import type { IdList } from '../../../../lib/ingest/id-list'
import { IngestError } from '../../../../lib/ingest/ingest-error'
import type { WorkbookSummary } from '../../../../lib/ingest/types'
import type { ColumnTable } from './column-table'
import { conditionsAfterReading } from './sheet-change'
import { SourceRows, type ColumnSummary, type KeptRowsState, type ValueRows } from './source-rows'

const rowConditionsSchema = z.array(rowConditionSchema)

/** The worker's calendar day as YYYY-MM-DD, for "in the last N days". */
export function localToday(): string {
  const now = new Date()
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The rows and conditions of every source that has a header row and several columns. */
export class RowsBySource {
  private readonly today: () => string
  private readonly rowsOf = new Map<string, SourceRows>()
  private readonly conditionsOf = new Map<string, RowCondition[]>()

  /** today: the calendar day "in the last N days" ends on. */
  constructor(today: () => string) {
    this.today = today
  }

  /**
   * Keeps a source's rows as read (none: it has no rows to filter), with its earlier conditions,
   * unless the reading is of another sheet than `sheetBefore`'s: then it answers the sentence
   * saying they were cleared.
   */
  keep(
    sourceId: string,
    table: ColumnTable | null,
    reading: { name: string; uniqueIds: number; workbook: WorkbookSummary | null },
    sheetBefore: WorkbookSummary | null | undefined,
  ): string | null {
    const kept = conditionsAfterReading(
      this.conditionsOf.get(sourceId) ?? [],
      sheetBefore,
      reading.workbook,
    )
    this.conditionsOf.set(sourceId, [...kept.conditions])
    if (table === null) {
      this.rowsOf.delete(sourceId)
      return kept.warning
    }
    const rows = new SourceRows(table, reading.name, reading.uniqueIds, this.today)
    rows.apply(kept.conditions)
    this.rowsOf.set(sourceId, rows)
    return kept.warning
  }

  /** A source's columns and how its conditions stand; null when it has no rows to filter. */
  profiles(sourceId: string): { columns: ColumnSummary[]; state: KeptRowsState } | null {
    const rows = this.rowsOf.get(sourceId)
    return rows === undefined ? null : { columns: rows.columns(), state: rows.state }
  }

  /** Values of a source's column containing `query`, any case, most frequent first. */
  searchValues(
    sourceId: string,
    column: string,
    query: string,
  ): { matches: ValueRows[]; more: boolean } {
    return this.rowsOf.get(sourceId)?.search(column, query) ?? { matches: [], more: false }
  }

  /** Validates and applies a source's conditions, which it keeps across readings. */
  setConditions(sourceId: string, conditions: readonly RowCondition[]): KeptRowsState {
    const rows = this.rowsOf.get(sourceId)
    if (rows === undefined) {
      throw new IngestError(
        'invalid-request',
        'Only a file with a header row and several columns can keep some of its rows.',
      )
    }
    const parsed = rowConditionsSchema.parse(conditions)
    this.conditionsOf.set(sourceId, parsed)
    return rows.apply(parsed)
  }

  /** A source's rows and conditions; undefined when it has no rows to filter. */
  source(sourceId: string): SourceRows | undefined {
    return this.rowsOf.get(sourceId)
  }

  /** A source's list: its kept rows' IDs when conditions apply, else `all`. */
  idsOf(sourceId: string, all: IdList): IdList {
    return this.rowsOf.get(sourceId)?.ids ?? all
  }

  /** The affected rows counted on a source's kept rows; undefined without conditions. */
  keptRecords(sourceId: string): IssueRecords | undefined {
    return this.rowsOf.get(sourceId)?.kept?.records
  }

  /** The first source whose conditions cannot apply, with why: the list must not be sent. */
  blocking(sources: readonly { sourceId: string; name: string }[]): string | undefined {
    for (const { sourceId, name } of sources) {
      const problem = this.rowsOf.get(sourceId)?.state.blocking
      if (problem != null) return `${name}: ${problem}`
    }
    return undefined
  }

  forget(sourceId: string): void {
    this.rowsOf.delete(sourceId)
    this.conditionsOf.delete(sourceId)
  }

  clear(): void {
    this.rowsOf.clear()
    this.conditionsOf.clear()
  }
}
