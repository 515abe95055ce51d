// What the Segments page remembers about a weekly export, keyed by its header row (see
// lib/reading-memory.ts): the ID column the marketer chose, the sheet of a workbook (keyed by its
// sheet names, known before a sheet is read), and for a refresh built from several exports, how
// they were combined, in which order and for which tag. Pure: the page keeps the memory in
// localStorage through lib/reading-memory-store.ts.
import * as z from 'zod/mini'
import type { WorkbookSummary } from '../../../lib/ingest/types'
import { sheetsSignature, type ReadingMemory } from '../../../lib/reading-memory'
import type { CombineMode, SourceSummary } from '../worker/types'

export const segmentReadingSchema = z.object({
  /** Index into the header row the choice is keyed by. */
  idColumn: z.number().check(z.int(), z.nonnegative()),
})

export type SegmentReading = z.infer<typeof segmentReadingSchema>

export const sheetReadingSchema = z.object({
  /** The sheet's name: next week's workbook may add a sheet before it. */
  sheet: z.string(),
})

export type SheetReading = z.infer<typeof sheetReadingSchema>

export const combinationSchema = z.object({
  mode: z.enum(['union', 'intersection', 'subtract']),
  /** The header signature of each source, first to last. */
  order: z.array(z.string()),
  /** The segment these sources were last uploaded to, combined this way. */
  tag: z.optional(z.string()),
})

export type RememberedCombination = z.infer<typeof combinationSchema>

/**
 * The ID columns remembered, as parseSource takes them.
 * e.g. [{ signature: 'email\u001Faccount id', choice: { idColumn: 0 }, … }] → Map { 'email\u001Faccount id' → 0 }
 */
export function rememberedIdColumns(memory: ReadingMemory<SegmentReading>): Map<string, number> {
  return new Map(memory.map((entry) => [entry.signature, entry.choice.idColumn]))
}

/**
 * What choosing `column` for a source means for the memory of its header row: remember it, or
 * forget it (choice null) when it is the automatic choice again; null without a header row.
 * e.g. (summary of "Email,Account ID", automatic 1) column 0 → { signature, choice: { idColumn: 0 } }; column 1 → { signature, choice: null }
 */
export function idColumnMemoryChange(
  summary: Pick<SourceSummary, 'headerSignature' | 'automaticIdColumn'>,
  column: number,
): { signature: string; choice: SegmentReading | null } | null {
  const signature = summary.headerSignature
  if (signature === null) return null
  return { signature, choice: column === summary.automaticIdColumn ? null : { idColumn: column } }
}

/**
 * The line a source card shows when its ID column came back from the memory.
 * e.g. → 'Read as last time: IDs from the column "CRM Ref" (the automatic choice is "Account ID").'
 */
export function recalledIdColumnSentence(
  summary: Pick<SourceSummary, 'columns' | 'idColumn' | 'automaticIdColumn'>,
): string {
  const column = (index: number) => `"${summary.columns[index] ?? `Column ${index + 1}`}"`
  return `Read as last time: IDs from the column ${column(summary.idColumn)} (the automatic choice is ${column(summary.automaticIdColumn)}).`
}

/**
 * The sheets remembered, as the worker takes them.
 * e.g. [{ signature: 'summary\u001Frenewals', choice: { sheet: 'Renewals' }, … }] → Map { … → 'Renewals' }
 */
export function rememberedSheets(memory: ReadingMemory<SheetReading>): Map<string, string> {
  return new Map(memory.map((entry) => [entry.signature, entry.choice.sheet]))
}

/**
 * What choosing sheet `index` of a workbook means for the memory of its sheet names: remember
 * it, or forget it (choice null) when it is the sheet read automatically.
 * e.g. (sheets [Summary, Renewals], automatic 0) index 1 → { signature, choice: { sheet: 'Renewals' } }
 */
export function sheetMemoryChange(
  workbook: Pick<WorkbookSummary, 'sheets'>,
  automaticSheet: number | undefined,
  index: number,
): { signature: string; choice: SheetReading | null } | null {
  const chosen = workbook.sheets[index]
  if (chosen === undefined || workbook.sheets.length < 2) return null
  const signature = sheetsSignature(workbook.sheets.map((sheet) => sheet.name))
  return { signature, choice: index === automaticSheet ? null : { sheet: chosen.name } }
}

/**
 * The line a source card shows when its sheet came back from the memory.
 * e.g. → 'Read as last time: the sheet "Renewals".'
 */
export function recalledSheetSentence(workbook: Pick<WorkbookSummary, 'sheets' | 'sheet'>): string {
  return `Read as last time: the sheet "${workbook.sheets[workbook.sheet]?.name ?? ''}".`
}

/** A source as the combination sees it: its header row's signature, null without one. */
export interface CombinedSource {
  sourceId: string
  name: string
  signature: string | null
}

/**
 * The key of a set of exports combined together: their header rows, in any order; null unless
 * there are at least two sources and each has a header row (pasted IDs are not a weekly export).
 * e.g. ['b', 'a'] → 'a\u001Eb'; ['a'] → null; ['a', null] → null
 */
export function combinationKey(signatures: readonly (string | null)[]): string | null {
  if (signatures.length < 2 || signatures.some((s) => s === null || s === '')) return null
  return [...(signatures as string[])].sort().join('\u001E')
}

/**
 * What to remember once the marketer combines `sources` (in this order) by `mode`, or uploads
 * them to `tag`: Union in the order added is the automatic choice, so without a tag it is
 * forgotten (choice null); with a tag it is kept, so next week's files say which segment they fed.
 * e.g. ('subtract', [renewals, lapsed]) → { key, choice: { mode: 'subtract', order: [renewals', lapsed'] } }
 */
export function combinationMemoryChange(
  mode: CombineMode,
  sources: readonly CombinedSource[],
  tag?: string,
): { key: string; choice: RememberedCombination | null } | null {
  const key = combinationKey(sources.map((source) => source.signature))
  if (key === null) return null
  if (mode === 'union' && (tag === undefined || tag === '')) return { key, choice: null }
  const order = sources.map((source) => source.signature ?? '')
  return { key, choice: tag ? { mode, order, tag } : { mode, order } }
}

/**
 * The remembered combination applied to this week's sources: the mode, and the source IDs in the
 * remembered order (two sources with the same header row keep the order they were added in).
 * Null when they are combined that way already.
 * e.g. remembered subtract [lapsed', renewals'], sources [renewals, lapsed] in union → { mode: 'subtract', order: ['lapsed', 'renewals'] }
 */
export function applyRememberedCombination(
  remembered: RememberedCombination,
  mode: CombineMode,
  sources: readonly CombinedSource[],
): { mode: CombineMode; order: string[] } | null {
  const left = [...sources]
  const order: string[] = []
  for (const signature of remembered.order) {
    const at = left.findIndex((source) => source.signature === signature)
    if (at === -1) return null
    order.push(...left.splice(at, 1).map((source) => source.sourceId))
  }
  if (left.length > 0) return null
  const same =
    remembered.mode === mode && order.every((id, index) => sources[index]?.sourceId === id)
  return same ? null : { mode: remembered.mode, order }
}

const MODE_NAMES: Record<CombineMode, string> = {
  union: 'Union',
  intersection: 'Intersection',
  subtract: 'Subtract',
}

/**
 * The line the combine card shows when last time's combination came back.
 * e.g. ('subtract', 'renewals.csv') → 'Combined as last time: Subtract, "renewals.csv" first.'
 *      ('subtract', 'renewals.csv', 'lapsedFans') → 'Combined as last time for lapsedFans: Subtract, "renewals.csv" first.'
 */
export function recalledCombinationSentence(
  mode: CombineMode,
  firstName: string,
  tag?: string,
): string {
  return `Combined as last time${tag ? ` for ${tag}` : ''}: ${MODE_NAMES[mode]}, "${firstName}" first.`
}

/** What this browser remembers, as the segments worker takes it (localStorage is the page's). */
export interface RememberedChoices {
  /** ID columns by headerSignature (see rememberedIdColumns). */
  idColumns?: ReadonlyMap<string, number>
  /** Sheet names by sheetsSignature (see rememberedSheets). */
  sheets?: ReadonlyMap<string, string>
  /** Combinations by combinationKey. */
  combinations?: ReadonlyMap<string, RememberedCombination>
}

/**
 * A change to this browser's memory that a choice on the page implies: the worker decides it
 * (it holds the sources), the page writes it to localStorage. choice null forgets the entry.
 * e.g. { store: 'idColumns', signature: 'name\u001Faccount id', choice: { idColumn: 0 } }
 */
export type SegmentMemoryWrite =
  | { store: 'idColumns'; signature: string; choice: SegmentReading | null }
  | { store: 'sheets'; signature: string; choice: SheetReading | null }
  | { store: 'combinations'; signature: string; choice: RememberedCombination | null }
