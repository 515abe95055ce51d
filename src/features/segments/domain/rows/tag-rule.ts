// "One segment per value": each value's tag and title come from a visible rule (the tag: a prefix
// the marketer types, then the value in letters and digits; the title: a pattern around the
// value), and a split has a limit on segments per send. Pure and dependency-free, so the worker
// can plan a split; segment-batch-check.ts checks the (possibly edited) batch on the page.
/**
 * Segments one confirmation sends at most: each is its own request, and a confirmation listing
 * more could not be read (or its shrink guards typed) by a person.
 */
export const MAX_SEGMENTS_PER_SEND = 100
/** Stands for the value in a title pattern, e.g. "Plan: {value}". */
export const VALUE_PLACEHOLDER = '{value}'

// Latin letters NFKD does not take apart into a base letter and a mark.
const UNFOLDED: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['Æ', 'AE'],
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['ø', 'o'],
  ['Ø', 'O'],
  ['ł', 'l'],
  ['Ł', 'L'],
  ['đ', 'd'],
  ['Đ', 'D'],
  ['ð', 'd'],
  ['Ð', 'D'],
  ['þ', 'th'],
  ['Þ', 'Th'],
])

/**
 * The value in letters and digits, each word starting with a capital: accents folded ("é" → "e",
 * "ß" → "ss"), everything else (spaces, punctuation, emoji, non-Latin scripts) dropped; the rest of
 * each word keeps its case, and a word starting with a digit stays as written.
 * e.g. "Full Season" → "FullSeason"; "half-season 2026" → "HalfSeason2026"; "Él Niño ⭐" → "ElNino"; "⭐" → ""
 */
export function valueInLettersAndDigits(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæÆœŒøØłŁđĐðÐþÞ]/g, (letter) => UNFOLDED.get(letter) ?? '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')
}

export type TagFromValue = { kind: 'tag'; tag: string } | { kind: 'no-letters'; sentence: string }

/**
 * The tag rule: the prefix as typed, then the value in letters and digits; without a prefix the
 * tag starts lower-case, as suggested tags do.
 * e.g. ("plan", "Full Season") → planFullSeason; ("", "Full Season") → fullSeason; ("plan", "🎟️") → no-letters
 */
export function tagFromValue(prefix: string, value: string): TagFromValue {
  const words = valueInLettersAndDigits(value)
  if (words === '') {
    return {
      kind: 'no-letters',
      sentence: `The value "${value.trim()}" has no letters or digits to make a tag from: type its tag.`,
    }
  }
  const tag = prefix === '' ? words.charAt(0).toLowerCase() + words.slice(1) : prefix + words
  return { kind: 'tag', tag }
}

/**
 * A segment's title from the pattern.
 * e.g. ("Plan: {value}", " Full Season ") → "Plan: Full Season"
 */
export function titleFromPattern(pattern: string, value: string): string {
  return pattern.replaceAll(VALUE_PLACEHOLDER, value.trim())
}

export interface PlannedSegment {
  value: string
  tag: string
  title: string
}

export type BatchProblem =
  | { kind: 'too-many-segments'; count: number; sentence: string }
  | { kind: 'invalid-tag' | 'invalid-title'; value: string; sentence: string }
  | { kind: 'tag-collision'; values: [string, string]; tag: string; sentence: string }

/**
 * The sentence for a split with more values than one send takes.
 * e.g. 5000 → "Section has 5,000 values: one confirmation sends at most 100 segments. Add conditions …"
 */
export function tooManySegments(
  count: number,
  column?: string,
): BatchProblem & {
  kind: 'too-many-segments'
} {
  const subject = column === undefined ? 'This split' : `"${column}"`
  return {
    kind: 'too-many-segments',
    count,
    sentence: `${subject} makes ${count.toLocaleString('en-US')} segments: one confirmation sends at most ${MAX_SEGMENTS_PER_SEND}. Add conditions to keep fewer values, or split by a column with fewer values.`,
  }
}
