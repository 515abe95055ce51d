// What this browser should remember when the marketer picks how a source is read (its ID column,
// its workbook's sheet) or goes back to the automatic reading: the rules are remembered-reading's,
// these say them as the writes the page makes to localStorage.
import { sheetsSignature } from '../../../lib/reading-memory'
import {
  idColumnMemoryChange,
  sheetMemoryChange,
  type SegmentMemoryWrite,
} from '../domain/remembered-reading'
import type { SourceSummary } from './types'

/**
 * Choosing `column`: remembered for the source's header row, forgotten when it is the automatic one.
 * e.g. (tickets.csv read from column 0 automatically, 1) → [{ store: 'idColumns', signature, choice: { idColumn: 1 } }]
 */
export function memoryOfIdColumnChoice(
  summary: SourceSummary,
  column: number,
): SegmentMemoryWrite[] {
  const change = idColumnMemoryChange(summary, column)
  return change ? [{ store: 'idColumns', ...change }] : []
}

/** Back to the automatic ID column: its header row's choice is forgotten. */
export function memoryOfAutomaticIdColumn(summary: SourceSummary): SegmentMemoryWrite[] {
  const signature = summary.headerSignature
  return signature ? [{ store: 'idColumns', signature, choice: null }] : []
}

/** Choosing `sheet`: remembered for the workbook's sheets, forgotten when it is the automatic one. */
export function memoryOfSheetChoice(
  summary: SourceSummary,
  automaticSheet: number | undefined,
  sheet: number,
): SegmentMemoryWrite[] {
  const { workbook } = summary
  const change = workbook ? sheetMemoryChange(workbook, automaticSheet, sheet) : null
  return change ? [{ store: 'sheets', ...change }] : []
}

/** Back to the automatic sheet: the workbook's choice is forgotten. */
export function memoryOfAutomaticSheet(summary: SourceSummary): SegmentMemoryWrite[] {
  const names = summary.workbook?.sheets.map((sheet) => sheet.name)
  return names ? [{ store: 'sheets', signature: sheetsSignature(names), choice: null }] : []
}
