import { formatCount, formatQuantity } from '../../../lib/format'
import type { CombineMode, SourceSummary } from './types'

/**
 * What the combine card says about the final list, naming the sources.
 * e.g. ('union', [renewals.csv, app.csv], 5, 2) → '5 IDs from 2 sources; 2 IDs appeared in more than one source and are sent once.'
 */
export function combinedSentence(
  mode: CombineMode,
  sources: readonly { summary: Pick<SourceSummary, 'name'> }[],
  total: number,
  removed: number,
): string {
  const [first, ...others] = sources
  if (first === undefined) return 'Add a file or paste IDs to build the list.'
  const ids = (count: number) => formatQuantity(count, 'ID')
  const firstName = first.summary.name
  const otherNames = others.map((entry) => entry.summary.name).join(', ')
  if (mode === 'union') {
    if (others.length === 0) return `${ids(total)} from ${firstName}.`
    const repeats =
      removed === 0
        ? 'no ID appears in more than one source'
        : `${ids(removed)} appeared in more than one source and ${removed === 1 ? 'is' : 'are'} sent once`
    return `${ids(total)} from ${formatCount(sources.length)} sources; ${repeats}.`
  }
  if (others.length === 0) {
    const verb = mode === 'intersection' ? 'keep the IDs found in every source' : 'remove IDs'
    return `${ids(total)} from ${firstName}. Add another source to ${verb}.`
  }
  if (mode === 'intersection') {
    return `${ids(total)} ${total === 1 ? 'appears' : 'appear'} in every source (${firstName}, ${otherNames}).`
  }
  return `${ids(total)} of ${firstName} ${total === 1 ? 'remains' : 'remain'} after removing the ${formatCount(removed)} also in ${otherNames}.`
}
