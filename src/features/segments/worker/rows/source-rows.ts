// One source's rows kept as a ColumnTable, and the "Keep rows where…" conditions applied to them:
// what the card shows of its columns, each condition's kept rows, and the kept rows' IDs.
import type { RowCondition } from '../../../../../contracts/recipe'
import { IdList } from '../../../../lib/ingest/id-list'
import type { IssueSummary, RowSink, SheetRowDetail } from '../../../../lib/ingest/types'
import type { CodedColumn } from '../../domain/rows/coded-column'
import {
  detectColumnKind,
  profileColumn,
  searchValues,
  type ColumnProfile,
} from '../../domain/rows/column-profile'
import { dateColumnReading, type DateColumnReading } from '../../domain/rows/date-order'
import { keptRowsSentence } from '../../domain/rows/kept-rows-sentence'
import { nearDuplicatesOfPick } from '../../domain/rows/near-duplicates'
import { filterRows } from '../../domain/rows/row-conditions'
import { ColumnTableBuilder, type ColumnTable } from './column-table'
import { keptIds, type KeptIds } from './kept-ids'

/** Values of a column sent to the page at first; the others are found by searching. */
export const SHOWN_VALUES = 100

export interface ValueRows {
  value: string
  rows: number
}

/** What the card shows of one column to build a condition on it. */
export interface ColumnSummary {
  name: string
  kind: 'text' | 'number' | 'date'
  distinctValues: number
  /** The most frequent values, at most SHOWN_VALUES (none when tooManyToList). */
  values: ValueRows[]
  /** More distinct values than a checklist can list: only search finds them. */
  tooManyToList: boolean
  /** A date column's day/month order: assumed, to ask, or mixed; null for other kinds. */
  dates: DateColumnReading | null
}

/** Values that differ from a picked one only in case or spaces, for "is one of" condition `condition`. */
export interface NearDuplicateHint {
  condition: number
  add: string[]
  sentence: string
}

/** How the conditions on a source stand, as its card shows them. */
export interface KeptRowsState {
  conditions: RowCondition[]
  /** Rows each condition keeps on its own; empty while a problem blocks the conditions. */
  perCondition: number[]
  /** "12,408 of 48,120 rows kept → 11,902 IDs" */
  sentence: string
  /** Said when fans have several kept rows. */
  severalRows: string | null
  /** Why the conditions cannot be applied (a missing column, dates that cannot be read): nothing is sent. */
  blocking: string | null
  nearDuplicates: NearDuplicateHint[]
  /** Cleaning counted on the kept rows; null without conditions (the source's own stand). */
  issues: IssueSummary[] | null
}

/**
 * Room made beyond the rows estimated from the file's size: a file whose later rows are a little
 * shorter than its first ones then still fits, rather than doubling its code arrays at the end
 * (each doubling a copy of every column, both held at once).
 */
const ESTIMATE_MARGIN = 1.05

/** Collects a table's rows while the file is read (see ParseSourceOptions.keepRows). */
export class SourceRowsReader implements RowSink {
  private builder: ColumnTableBuilder | null = null

  /** expectedRows: the file's lines as estimated from its size, when known. */
  start(columns: readonly string[], idColumn: number, expectedRows?: number): RowSink {
    const room = expectedRows === undefined ? undefined : Math.ceil(expectedRows * ESTIMATE_MARGIN)
    this.builder = new ColumnTableBuilder(columns, idColumn, room)
    return this
  }

  addRows(
    rows: readonly (readonly string[])[],
    firstRow: number,
    from: number,
    sheet?: SheetRowDetail,
  ): void {
    this.builder?.addRows(rows, firstRow, from, sheet)
  }

  excelDateColumns(columns: readonly number[]): void {
    this.builder?.markExcelDateColumns(columns)
  }

  /** The rows read, or null when the file had no header row or a single column. */
  finish(): ColumnTable | null {
    const table = this.builder?.finish() ?? null
    this.builder = null
    return table
  }
}

/**
 * A source's table and its conditions.
 * e.g. new SourceRows(table, 'tickets.csv', 5, () => '2026-12-06').apply([Plan Type is one of Full Season]) → the kept rows' IDs
 */
export class SourceRows {
  readonly table: ColumnTable
  private readonly sourceName: string
  private readonly today: () => string
  private readonly uniqueIds: number
  private profiles: ColumnProfile[] | null = null
  private summaries: ColumnSummary[] | null = null
  private current: {
    state: KeptRowsState
    ids: IdList | null
    kept: KeptIds | null
    mask: Uint8Array | null
  }

  /** uniqueIds: the whole file's, as its reading counted them. */
  constructor(table: ColumnTable, sourceName: string, uniqueIds: number, today: () => string) {
    this.table = table
    this.sourceName = sourceName
    this.uniqueIds = uniqueIds
    this.today = today
    this.current = { state: this.compute([]).state, ids: null, kept: null, mask: null }
  }

  get state(): KeptRowsState {
    return this.current.state
  }

  /** The kept rows' unique IDs (none while a problem blocks); null with no condition (the whole file's list stands). */
  get ids(): IdList | null {
    return this.current.ids
  }

  get kept(): KeptIds | null {
    return this.current.kept
  }

  /** The rows the conditions keep (1 = kept); null with no condition or while a problem blocks. */
  get mask(): Uint8Array | null {
    return this.current.mask
  }

  columns(): ColumnSummary[] {
    if (this.summaries !== null) return this.summaries
    this.summaries = this.table.columns.map((column, index) => {
      const profile = this.profile(index)
      const detected = detectColumnKind(column, {
        excelSerials: this.table.excelDateColumns.has(column.name),
      })
      return {
        name: column.name,
        kind: detected.kind,
        dates: detected.kind === 'date' ? dateColumnReading(detected.dates) : null,
        distinctValues: profile.distinctValues,
        values: profile.values.slice(0, SHOWN_VALUES).map(({ value, rows }) => ({ value, rows })),
        tooManyToList: profile.tooManyToList,
      }
    })
    return this.summaries
  }

  /** Values of `column` containing `query` (any case), most frequent first. */
  search(column: string, query: string): { matches: ValueRows[]; more: boolean } {
    const index = this.table.columns.findIndex((candidate) => candidate.name === column)
    if (index === -1) return { matches: [], more: false }
    const coded = this.table.columns[index] as CodedColumn
    const { matches, more } = searchValues(coded, this.profile(index), query)
    return { matches: matches.map(({ value, rows }) => ({ value, rows })), more }
  }

  /** Applies `conditions` (none: every row) and answers how they stand. */
  apply(conditions: readonly RowCondition[]): KeptRowsState {
    this.current = this.compute(conditions)
    return this.current.state
  }

  private compute(conditions: readonly RowCondition[]): SourceRows['current'] {
    const { table } = this
    const base = { conditions: [...conditions], nearDuplicates: [] }
    if (conditions.length === 0) {
      const state: KeptRowsState = {
        ...base,
        perCondition: [],
        sentence: keptRowsSentence(table.rowCount, table.rowCount, this.uniqueIds),
        severalRows: null,
        blocking: null,
        issues: null,
      }
      return { state, ids: null, kept: null, mask: null }
    }
    const filtered = filterRows(table, conditions, {
      today: this.today(),
      excelSerialColumns: table.excelDateColumns,
    })
    if (filtered.kind !== 'kept') {
      const state: KeptRowsState = {
        ...base,
        perCondition: [],
        sentence: `No rows kept: ${filtered.sentence}`,
        severalRows: null,
        blocking: filtered.sentence,
        issues: [],
      }
      // Empty rather than the whole file: under Subtract, the whole file would remove too much,
      // and under Union send rows the marketer meant to leave out. The form refuses to upload.
      return { state, ids: new IdList(), kept: null, mask: null }
    }
    const kept = keptIds(table, filtered.mask, this.sourceName)
    const state: KeptRowsState = {
      ...base,
      perCondition: filtered.perCondition,
      blocking: null,
      nearDuplicates: this.nearDuplicates(conditions),
      ...fromKept(kept),
    }
    return { state, ids: kept.ids, kept, mask: filtered.mask }
  }

  private nearDuplicates(conditions: readonly RowCondition[]): NearDuplicateHint[] {
    const hints: NearDuplicateHint[] = []
    conditions.forEach((condition, index) => {
      if (condition.kind !== 'text' || condition.op !== 'isOneOf') return
      const column = this.table.columns.findIndex((c) => c.name === condition.column)
      if (column === -1) return
      for (const hint of nearDuplicatesOfPick(this.profile(column).values, condition.values)) {
        hints.push({ condition: index, ...hint })
      }
    })
    return hints
  }

  private profile(index: number): ColumnProfile {
    this.profiles ??= []
    const known = this.profiles[index]
    if (known !== undefined) return known
    const profile = profileColumn(this.table.columns[index] as CodedColumn, this.table.rowCount)
    this.profiles[index] = profile
    return profile
  }
}

function fromKept(kept: KeptIds): Pick<KeptRowsState, 'sentence' | 'severalRows' | 'issues'> {
  return { sentence: kept.sentence, severalRows: kept.severalRows, issues: kept.issues }
}
