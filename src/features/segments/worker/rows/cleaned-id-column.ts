// A table's ID column cleaned once per distinct cell (lib/ingest's cleanIdInto), so that the IDs
// of the rows a condition keeps are read by code: no cleaning and no string hashing per row. The
// kept rows' distinct IDs are then distinct codes, checked in a byte per ID.
import { createCleanOutcome, cleanIdInto } from '../../../../lib/ingest/clean-id'
import { StringDictionary } from '../../../../lib/ingest/string-dictionary'

/** The cleaning of each distinct cell of an ID column, by its dictionary code. */
export interface CleanedIdColumn {
  /** flags[code]: the CLEAN_FLAG bits of values[code]. */
  readonly flags: Uint8Array
  /** idOf[code]: the index in `ids` of the ID values[code] cleans to; -1 when it gives none. */
  readonly idOf: Int32Array
  /** The distinct cleaned IDs; the column's own values when cleaning changed none of them. */
  readonly ids: readonly string[]
}

/**
 * Cleans each distinct value once; values that clean to the same ID share its index.
 * e.g. ["12", " 12", "", "A7"] → idOf [0, 0, -1, 1], ids ["12", "A7"], flags [0, trimmed, blank, 0]
 */
export function cleanIdColumn(values: readonly string[]): CleanedIdColumn {
  const flags = new Uint8Array(values.length)
  const idOf = new Int32Array(values.length)
  const outcome = createCleanOutcome()
  let changed: Map<number, string> | null = null
  for (let code = 0; code < values.length; code++) {
    const raw = values[code] as string
    cleanIdInto(raw, outcome)
    flags[code] = outcome.flags
    if (outcome.value === null) {
      idOf[code] = -1
      continue
    }
    idOf[code] = code
    if (outcome.value !== raw) (changed ??= new Map()).set(code, outcome.value)
  }
  if (changed === null) return { flags, idOf, ids: values }
  // Some cells clean to another ID (" 12" to "12", which may be a cell too): number the cleaned
  // IDs afresh, in the column's order.
  const cleaned = new StringDictionary()
  for (let code = 0; code < values.length; code++) {
    if (idOf[code] === -1) continue
    idOf[code] = cleaned.codeOf(changed.get(code) ?? (values[code] as string))
  }
  return { flags, idOf, ids: cleaned.values }
}
