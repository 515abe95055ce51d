import { formatCount } from '../../../lib/format'

/**
 * Suggests the notes FanPass shows in its import log.
 * e.g. (["renewals.csv", "vip.csv"], 48120) → "Refresh from renewals.csv, vip.csv (48,120 IDs)"
 */
export function suggestNotes(sourceNames: readonly string[], idCount: number): string {
  const from = sourceNames.length > 0 ? sourceNames.join(', ') : 'pasted IDs'
  return `Refresh from ${from} (${formatCount(idCount)} IDs)`
}
