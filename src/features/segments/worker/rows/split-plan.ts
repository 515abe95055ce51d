// The segments of a split as computed from the sources: the kept rows split by value, each
// segment's list once the other sources apply, and what is left out. Recomputed only when the
// final list's version changes; the marketer's edits live in SegmentSplit.
import { formatQuantity } from '../../../../lib/format'
import type { IdList } from '../../../../lib/ingest/id-list'
import { countByValue, findColumn, type CodedColumn } from '../../domain/rows/coded-column'
import { isBlankCell } from '../../domain/rows/number-cell'
import type { SplitSettings } from '../types'
import type { ColumnTable } from './column-table'
import { splitByValue } from './split-by-value'
import { combineEachSegment, type SplitCombination } from './split-combine'

export interface SplitValueRows {
  value: string
  keptRows: number
}

/**
 * What the workspace hands the split: the source's rows and the combination, or why not, with the
 * final list's version (the segments are split again when it changes).
 */
export type SplitInputs = { version: number } & (
  | {
      kind: 'rows'
      table: ColumnTable
      /** The rows the source's conditions keep; null: every row. */
      mask: Uint8Array | null
      sourceName: string
      combination: SplitCombination
    }
  | { kind: 'problem'; sentence: string }
)

export interface ComputedSegment {
  value: string
  ids: IdList
  keptRows: number
}

export type Computed =
  | {
      kind: 'problem'
      sentence: string
      tooMany: { column: CodedColumn; codes: Uint32Array; counts: Uint32Array } | null
    }
  | {
      kind: 'split'
      segments: ComputedSegment[]
      leftOut: { value: string; sentence: string }[]
      blankSentence: string | null
    }

/** The kept rows split by value, and each segment's list once the other sources apply. */
export function computeSplit(settings: SplitSettings, inputs: SplitInputs): Computed {
  if (inputs.kind === 'problem')
    return { kind: 'problem', sentence: inputs.sentence, tooMany: null }
  const { table, mask, sourceName, combination } = inputs
  const plan = splitByValue(table, mask, {
    column: settings.column,
    tagPrefix: settings.tagPrefix,
    titlePattern: settings.titlePattern,
    sourceName,
  })
  if (plan.kind === 'missing-column')
    return { kind: 'problem', sentence: plan.sentence, tooMany: null }
  if (plan.kind === 'too-many-segments') {
    const column = table.columns[findColumn(table.columns, settings.column)] as CodedColumn
    return { kind: 'problem', sentence: plan.sentence, tooMany: valuesByRows(column, table, mask) }
  }
  const lists = combineEachSegment(
    plan.segments.map((segment) => segment.ids),
    combination,
  )
  const segments: ComputedSegment[] = []
  const leftOut = plan.leftOut.map(({ value, sentence }) => ({ value, sentence }))
  plan.segments.forEach((segment, index) => {
    const ids = lists[index] as IdList
    if (ids.length > 0) {
      segments.push({ value: segment.value, ids, keptRows: segment.keptRows })
      return
    }
    leftOut.push({
      value: segment.value,
      sentence: `"${segment.value.trim()}" has no IDs left once the other sources are applied to its ${formatQuantity(segment.ids.length, 'ID')}, so it makes no segment.`,
    })
  })
  return { kind: 'split', segments, leftOut, blankSentence: plan.blankSentence }
}

/** The column's non-blank values over the kept rows, most rows first, as codes. */
function valuesByRows(
  column: CodedColumn,
  table: ColumnTable,
  mask: Uint8Array | null,
): { column: CodedColumn; codes: Uint32Array; counts: Uint32Array } {
  const counts = countByValue(column, table.rowCount, mask ?? undefined)
  const codes: number[] = []
  for (let code = 0; code < counts.length; code++) {
    if ((counts[code] as number) > 0 && !isBlankCell(column.values[code] as string))
      codes.push(code)
  }
  const sorted = Uint32Array.from(codes).sort(
    (a, b) => (counts[b] as number) - (counts[a] as number) || a - b,
  )
  return { column, codes: sorted, counts }
}

export function valuesPage(
  values: { column: CodedColumn; codes: Uint32Array; counts: Uint32Array },
  offset: number,
  size: number,
): { total: number; offset: number; values: SplitValueRows[] } {
  const total = values.codes.length
  const start = Math.max(0, Math.min(Math.floor(offset), total))
  return {
    total,
    offset: start,
    values: Array.from(values.codes.subarray(start, start + size), (code) => ({
      value: values.column.values[code] as string,
      keptRows: values.counts[code] as number,
    })),
  }
}
