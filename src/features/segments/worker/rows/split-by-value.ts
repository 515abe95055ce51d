// "One segment per value of…" a column, over the rows the conditions keep: each value's unique
// IDs (cleaned as any source is), its tag from the rule and its title from the pattern. Values
// whose rows hold no ID are listed and left out; blank cells belong to no segment. The page checks
// the tags and titles (domain/rows/segment-batch-check.ts) as the marketer edits them, so the
// worker does not load the form's rules.
import type { IdList } from '../../../../lib/ingest/id-list'
import type { IssueSummary } from '../../../../lib/ingest/types'
import { countByValue, findColumn, type CodedColumn } from '../../domain/rows/coded-column'
import { isBlankCell } from '../../domain/rows/number-cell'
import {
  MAX_SEGMENTS_PER_SEND,
  tagFromValue,
  titleFromPattern,
  tooManySegments,
} from '../../domain/rows/tag-rule'
import type { ColumnTable } from './column-table'
import { collectIds } from './kept-ids'

export interface SplitOptions {
  column: string
  tagPrefix: string
  titlePattern: string
  /** The file's name, for the cleaning sentences. */
  sourceName: string
}

export interface SplitSegment {
  value: string
  /** '' when the value has no letters or digits (its problem says to type one). */
  tag: string
  title: string
  ids: IdList
  keptRows: number
  issues: IssueSummary[]
}

export type SplitPlan =
  | {
      kind: 'split'
      /** Most kept rows first. */
      segments: SplitSegment[]
      /** Values whose kept rows hold no ID (blank or excluded), with the sentence saying so. */
      leftOut: { value: string; keptRows: number; sentence: string }[]
      /** Kept rows whose cell in the split column is blank: in no segment. */
      blankRows: number
      blankSentence: string | null
      /** Values with no letters or digits for a tag: the marketer types one (tag ''). */
      noLetters: { value: string; sentence: string }[]
    }
  | { kind: 'missing-column'; sentence: string }
  | { kind: 'too-many-segments'; count: number; sentence: string }

/**
 * Splits the kept rows (every row when mask is null) by the values of `options.column`.
 * e.g. Plan Type over [A Full Season, B Half Season, C Full Season], prefix "plan"
 *   → planFullSeason [A, C], planHalfSeason [B]
 */
export function splitByValue(
  table: ColumnTable,
  mask: Uint8Array | null,
  options: SplitOptions,
): SplitPlan {
  const at = findColumn(table.columns, options.column)
  if (at === -1) {
    return {
      kind: 'missing-column',
      sentence: `This file has no column "${options.column}" to make one segment per value of.`,
    }
  }
  const column = table.columns[at] as CodedColumn
  const counts = countByValue(column, table.rowCount, mask ?? undefined)
  const codes: number[] = []
  let blankRows = 0
  for (let code = 0; code < counts.length; code++) {
    const rows = counts[code] as number
    if (rows === 0) continue
    if (isBlankCell(column.values[code] as string)) blankRows += rows
    else codes.push(code)
  }
  if (codes.length > MAX_SEGMENTS_PER_SEND) return tooManySegments(codes.length, column.name)
  codes.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b)

  const rowsByCode = groupRows(column, table.rowCount, mask, counts)
  const segments: SplitSegment[] = []
  const leftOut: { value: string; keptRows: number; sentence: string }[] = []
  const noLetters: { value: string; sentence: string }[] = []
  for (const code of codes) {
    const value = column.values[code] as string
    const rowIndexes = rowsByCode(code)
    const { ids, keptRows, finish } = collectIds(table, { rowIndexes }, options.sourceName)
    const issues = finish()
    if (ids.length === 0) {
      leftOut.push({
        value,
        keptRows,
        sentence: `"${value.trim()}" has no IDs in its ${keptRows.toLocaleString('en-US')} kept ${keptRows === 1 ? 'row' : 'rows'}, so it makes no segment.`,
      })
      continue
    }
    const tag = tagFromValue(options.tagPrefix, value)
    if (tag.kind === 'no-letters') {
      noLetters.push({ value, sentence: tag.sentence })
    }
    segments.push({
      value,
      tag: tag.kind === 'tag' ? tag.tag : '',
      title: titleFromPattern(options.titlePattern, value),
      ids,
      keptRows,
      issues,
    })
  }
  return {
    kind: 'split',
    segments,
    leftOut,
    blankRows,
    blankSentence:
      blankRows === 0
        ? null
        : `${blankRows.toLocaleString('en-US')} kept ${blankRows === 1 ? 'row has' : 'rows have'} no ${column.name} and ${blankRows === 1 ? 'is' : 'are'} in no segment.`,
    noLetters,
  }
}

/** The kept rows of each code, grouped in one pass (a counting sort), in row order. */
function groupRows(
  column: CodedColumn,
  rowCount: number,
  mask: Uint8Array | null,
  counts: Uint32Array,
): (code: number) => Uint32Array {
  const starts = new Uint32Array(counts.length + 1)
  for (let code = 0; code < counts.length; code++) {
    starts[code + 1] = (starts[code] as number) + (counts[code] as number)
  }
  const next = starts.slice(0, counts.length)
  const rows = new Uint32Array(starts[counts.length] as number)
  const codes = column.codes
  for (let row = 0; row < rowCount; row++) {
    if (mask !== null && mask[row] !== 1) continue
    const code = codes[row] as number
    const at = next[code] as number
    rows[at] = row
    next[code] = at + 1
  }
  return (code) => rows.subarray(starts[code], starts[code + 1])
}
