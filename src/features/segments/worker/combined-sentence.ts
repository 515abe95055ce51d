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

/** ['a'] → 'a'; ['a', 'b', 'c'] → 'a, b and c' */
function namesList(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`
}

/**
 * What the combine card says under "One segment per value of…": what each segment sent is made
 * of, the split source's rows taking its place in the combination (see rows/split-combine.ts).
 * `names` are the sources in combination order, `at` the split source's place, `segments` those ticked.
 * e.g. ('subtract', ['tickets.csv', 'optout.csv'], 0, 4) → 'Each of the 4 segments: rows kept from tickets.csv, minus optout.csv.'
 *      ('union', ['tickets.csv', 'vips.csv'], 0, 2) → 'Each of the 2 segments: rows kept from tickets.csv, plus every ID of vips.csv.'
 */
export function splitCombinedSentence(
  mode: CombineMode,
  names: readonly string[],
  at: number,
  segments: number,
): string {
  const each =
    segments === 1
      ? 'The segment'
      : segments === 0
        ? 'Each segment'
        : `Each of the ${formatCount(segments)} segments`
  const split = names[at] ?? ''
  const others = names.filter((_, index) => index !== at)
  const rows = `rows kept from ${split}`
  if (others.length === 0) return `${each}: ${rows}.`
  switch (mode) {
    case 'union':
      return `${each}: ${rows}, plus every ID of ${namesList(others)}.`
    case 'intersection':
      return `${each}: ${rows}, only the IDs also in ${others.length === 1 ? '' : 'each of '}${namesList(others)}.`
    case 'subtract': {
      if (at === 0) return `${each}: ${rows}, minus ${namesList(others)}.`
      // Subtract keeps the first source's IDs: a segment in a later place is what is taken away.
      const [first, ...rest] = others
      const alsoMinus = rest.length === 0 ? '' : ` and minus ${namesList(rest)}`
      return `${each}: the IDs of ${first ?? ''}, minus those of its ${rows}${alsoMinus}.`
    }
  }
}
