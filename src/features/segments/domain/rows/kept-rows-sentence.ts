// The line a filtered source card shows under its conditions.

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/**
 * e.g. (12408, 48120, 11902) → "12,408 of 48,120 rows kept → 11,902 IDs"; (1, 1, 1) → "1 of 1 row kept → 1 ID"
 */
export function keptRowsSentence(keptRows: number, totalRows: number, ids: number): string {
  return `${keptRows.toLocaleString('en-US')} of ${plural(totalRows, 'row', 'rows')} kept → ${plural(ids, 'ID', 'IDs')}`
}

/**
 * Said when fewer IDs than kept rows remain because fans have several rows (several tickets).
 * e.g. (12408, 11902, 300) → "A fan with several kept rows is in once: 206 fewer IDs than rows, besides the 300 rows cleaning dropped."
 */
export function severalRowsSentence(
  keptRows: number,
  ids: number,
  droppedRows: number,
): string | null {
  const repeated = keptRows - droppedRows - ids
  if (repeated <= 0) return null
  const besides =
    droppedRows === 0 ? '' : `, besides the ${plural(droppedRows, 'row', 'rows')} cleaning dropped`
  return `A fan with several kept rows is in once: ${plural(repeated, 'fewer ID', 'fewer IDs')} than rows${besides}.`
}
