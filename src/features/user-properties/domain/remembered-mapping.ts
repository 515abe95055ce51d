// What the bulk properties page remembers about a weekly export, keyed by its header row (see
// lib/reading-memory.ts): which column holds the user IDs, which columns are sent, and under
// which property names. Pure: the page keeps it in localStorage.
import * as z from 'zod/mini'
import type { TableMapping } from './property-table'

export const tableMappingSchema = z.object({
  idColumn: z.number().check(z.int(), z.nonnegative()),
  columns: z.array(z.object({ include: z.boolean(), name: z.string() })),
})

/** e.g. two mappings that include the same columns under the same names → true */
export function sameMapping(a: TableMapping, b: TableMapping): boolean {
  return (
    a.idColumn === b.idColumn &&
    a.columns.length === b.columns.length &&
    a.columns.every(
      (choice, index) =>
        choice.include === b.columns[index]?.include && choice.name === b.columns[index]?.name,
    )
  )
}

/**
 * The remembered mapping, when it fits this file's columns and is not the automatic one anyway.
 * e.g. remembered for 3 columns, file of 3 columns, differs from automatic → the remembered mapping
 */
export function recalledMapping(
  remembered: TableMapping | null,
  columnCount: number,
  automatic: TableMapping,
): TableMapping | null {
  if (remembered === null) return null
  if (remembered.columns.length !== columnCount || remembered.idColumn >= columnCount) return null
  return sameMapping(remembered, automatic) ? null : remembered
}

/**
 * What to keep once the marketer changes the mapping: the mapping, or null (forget it) when it
 * is the automatic one again.
 * e.g. mappingToRemember(defaultMapping(h, 0), defaultMapping(h, 0)) → null
 */
export function mappingToRemember(
  mapping: TableMapping,
  automatic: TableMapping,
): TableMapping | null {
  return sameMapping(mapping, automatic) ? null : mapping
}

/**
 * The line the page shows when the mapping came back from the memory.
 * e.g. → 'Read as last time: user IDs from "Account ID"; 3 of 4 columns sent, "Favourite Team" as favourite_team.'
 */
export function recalledMappingSentence(mapping: TableMapping, headers: readonly string[]): string {
  const header = (index: number) => `"${headers[index] || `Column ${index + 1}`}"`
  const candidates = mapping.columns.filter((_, index) => index !== mapping.idColumn)
  const sent = mapping.columns.flatMap((choice, index) =>
    index !== mapping.idColumn && choice.include ? [{ choice, index }] : [],
  )
  const renamed = sent
    .filter(({ choice, index }) => choice.name.trim() !== (headers[index] ?? '').trim())
    .map(({ choice, index }) => `${header(index)} as ${choice.name.trim()}`)
  const shown = renamed.slice(0, 3)
  const more =
    renamed.length > shown.length ? ` and ${renamed.length - shown.length} more renamed` : ''
  const names = shown.length > 0 ? `, ${shown.join(', ')}${more}` : ''
  return `Read as last time: user IDs from ${header(mapping.idColumn)}; ${sent.length} of ${candidates.length} columns sent${names}.`
}
