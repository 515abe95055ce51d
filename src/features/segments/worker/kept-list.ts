// A list the team history kept, as the worker receives it: the JSON text the history answers.
import { formatQuantity } from '../../../lib/format'

export const NOT_A_KEPT_LIST = 'The team history did not answer with a list of user IDs.'

/**
 * A JSON array of user IDs, as the team history keeps a list.
 * e.g. '["0012","9999"]' → ['0012', '9999']; '{"ids":[]}' → throws
 */
export function parseIdArray(json: string): string[] {
  const parsed: unknown = JSON.parse(json)
  if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === 'string')) {
    throw new Error(NOT_A_KEPT_LIST)
  }
  return parsed
}

/**
 * What a restored source says when its list does not hold as many IDs as the history recorded.
 * e.g. (3, 2) → ['The team history recorded 3 IDs for this upload, but its kept list holds 2 IDs. …']; (2, 2) → []
 */
export function keptCountWarnings(recordedCount: number | null, received: number): string[] {
  if (recordedCount === null || recordedCount === received) return []
  const ids = (count: number) => formatQuantity(count, 'ID')
  return [
    `The team history recorded ${ids(recordedCount)} for this upload, but its kept list holds ${ids(received)}. Check the list before sending it.`,
  ]
}
