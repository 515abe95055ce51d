import { formatCount } from '../format'
import { examplesOf, type IssueRecords } from './affected-rows'
import { cleanId, MAX_ID_LENGTH } from './clean-id'
import type { MixedLengthsFinding } from './mixed-lengths'
import type { IssueEffect, IssueKind, IssueSummary } from './types'

/** The order issues are listed in: what needs attention first. */
export const ISSUE_ORDER: readonly IssueKind[] = [
  'scientific',
  'roundedCell',
  'errorCell',
  'dateCell',
  'booleanCell',
  'decimalCell',
  'mixedLengths',
  'composite',
  'tooLong',
  'controlChars',
  'decimalSuffix',
  'zeroPadded',
  'trimmed',
  'duplicate',
  'blank',
]

export const ISSUE_EFFECT: Readonly<Record<IssueKind, IssueEffect>> = {
  trimmed: 'corrected',
  decimalSuffix: 'corrected',
  blank: 'dropped',
  duplicate: 'dropped',
  scientific: 'excluded',
  mixedLengths: 'flagged',
  composite: 'flagged',
  tooLong: 'flagged',
  controlChars: 'flagged',
  roundedCell: 'excluded',
  decimalCell: 'excluded',
  dateCell: 'excluded',
  booleanCell: 'excluded',
  errorCell: 'excluded',
  zeroPadded: 'corrected',
}

/** What the sentences need to know about the source and its ID column. */
export interface IssueContext {
  sourceName: string
  columnName: string
  mixedLengths: MixedLengthsFinding | null
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}

const INVISIBLE_KINDS: readonly { test: RegExp; one: string; many: string }[] = [
  {
    test: /[\u200B-\u200D\u2060\uFEFF]/g,
    one: 'zero-width character',
    many: 'zero-width characters',
  },
  { test: /[\u00A0\u2007\u202F]/g, one: 'non-breaking space', many: 'non-breaking spaces' },
  { test: /\t/g, one: 'tab', many: 'tabs' },
  { test: / /g, one: 'space', many: 'spaces' },
]

/** e.g. "\u00A012345 \u200B" → "1 zero-width character, 1 non-breaking space and 1 space" */
function describeRemoved(original: string, kept: string): string {
  const parts: string[] = []
  for (const kind of INVISIBLE_KINDS) {
    const count = (original.match(kind.test)?.length ?? 0) - (kept.match(kind.test)?.length ?? 0)
    if (count > 0) parts.push(plural(count, kind.one, kind.many))
  }
  if (parts.length === 0) return 'other whitespace'
  const last = parts.pop() ?? ''
  return parts.length === 0 ? last : `${parts.join(', ')} and ${last}`
}

function percent(part: number, whole: number): string {
  const share = (part / whole) * 100
  return share < 1 ? 'under 1%' : `${Math.round(share)}%`
}

/**
 * What happened to one affected row, for the examples and the CSV download.
 * e.g. issueOutcome('decimalSuffix', "12345.0", context) → "Corrected to 12345"
 */
export function issueOutcome(kind: IssueKind, original: string, context: IssueContext): string {
  switch (kind) {
    case 'trimmed': {
      const kept = cleanId(original).value ?? ''
      return `Kept as ${kept} after removing ${describeRemoved(original, kept)}`
    }
    case 'blank':
      return 'Skipped: no ID in this row'
    case 'duplicate':
      return 'Removed: the same ID appears in an earlier row'
    case 'scientific':
      return 'Excluded: scientific notation, the last digits are lost'
    case 'decimalSuffix':
      return `Corrected to ${cleanId(original).value ?? ''}`
    case 'mixedLengths': {
      const typical = context.mixedLengths?.typicalLength ?? 0
      return `Kept; ${original.length} digits while most IDs have ${typical}`
    }
    case 'composite':
      return 'Kept; looks like two values joined into one'
    case 'tooLong':
      return `Kept; ${formatCount(original.trim().length)} characters long`
    case 'controlChars':
      return 'Kept; contains invisible control characters'
    case 'roundedCell':
      return 'Excluded: more than 15 digits, Excel rounded the last ones'
    case 'decimalCell':
      return 'Excluded: a number with decimals, not an ID'
    case 'dateCell':
      return 'Excluded: a date or time, not an ID'
    case 'booleanCell':
      return 'Excluded: TRUE or FALSE, not an ID'
    case 'errorCell':
      return 'Excluded: an Excel error, the cell has no value'
    case 'zeroPadded':
      return `Kept with the leading zeros its cell format shows (the cell holds the number ${original.replace(/^0+(?=\d)/, '')})`
  }
}

/**
 * The one-sentence explanation of an issue, with its count.
 * e.g. issueSentence('duplicate', 40, { sourceName: "ids.csv", … }) → "Removed 40 repeated IDs in ids.csv, so each ID is sent once."
 */
export function issueSentence(kind: IssueKind, count: number, context: IssueContext): string {
  switch (kind) {
    case 'trimmed':
      return `Trimmed spaces or invisible characters (such as non-breaking or zero-width spaces) from ${plural(count, 'ID', 'IDs')}; ${count === 1 ? 'it was' : 'they were'} kept.`
    case 'blank':
      return `Skipped ${plural(count, 'blank row or empty ID cell', 'blank rows or empty ID cells')}.`
    case 'duplicate':
      return `Removed ${plural(count, 'repeated ID', 'repeated IDs')} in ${context.sourceName}, so each ID is sent once.`
    case 'scientific':
      return (
        `Excluded ${plural(count, 'value', 'values')} written in scientific notation (like 1.23457E+11): ` +
        'Excel rounded these numbers, so their last digits are lost and cannot be restored. ' +
        'Re-export the IDs as text: in Excel, format the ID column as Text before pasting the IDs in, ' +
        'or export the list from the source system as CSV and upload it without opening it in Excel.'
      )
    case 'decimalSuffix':
      return `Corrected ${plural(count, 'ID', 'IDs')} that ended in ".0" (like 12345.0 → 12345), a sign the column was saved as numbers.`
    case 'mixedLengths': {
      const finding = context.mixedLengths
      if (finding === null) return ''
      const { typicalLength, shortestLength, numericCount, typicalWithLeadingZero } = finding
      const shortRange =
        shortestLength === typicalLength - 1
          ? `${shortestLength}`
          : `${shortestLength}–${typicalLength - 1}`
      const evidence =
        typicalWithLeadingZero > 0
          ? ` Some ${typicalLength}-digit IDs start with 0, which makes this likely.`
          : ''
      return (
        `Most IDs in "${context.columnName}" have ${typicalLength} digits, but ${formatCount(count)} ` +
        `(${percent(count, numericCount)}) have ${shortRange} digits: leading zeros may have been lost, ` +
        `as Excel drops them when a column is not formatted as Text.${evidence} ` +
        'Check these IDs against the source system.'
      )
    }
    case 'composite':
      return `${plural(count, 'ID contains', 'IDs contain')} ":", "|" or "/" (like 12345:678) and look like two values joined; ${count === 1 ? 'it was' : 'they were'} kept as is. Check that the right column was chosen.`
    case 'tooLong':
      return `${plural(count, 'value is', 'values are')} longer than ${MAX_ID_LENGTH} characters; ${count === 1 ? 'it was' : 'they were'} kept, but ${count === 1 ? 'it is' : 'they are'} probably not a user ID.`
    case 'controlChars':
      return `${plural(count, 'ID contains', 'IDs contain')} invisible control characters; ${count === 1 ? 'it was' : 'they were'} kept as is. Check the file in a text editor.`
    case 'roundedCell':
      return (
        `Excluded ${plural(count, 'number', 'numbers')} with more than 15 digits (like 12345678901234567000): ` +
        'Excel keeps only 15 significant digits, so the last digits were already lost inside the workbook and cannot be restored. ' +
        'Export the IDs from the source system again, or format the column as Text in Excel before pasting the IDs in.'
      )
    case 'decimalCell':
      return `Excluded ${plural(count, 'number', 'numbers')} with decimals (like 12345.5), which are not IDs. Check that the right column was chosen.`
    case 'dateCell':
      return `Excluded ${plural(count, 'cell', 'cells')} holding a date or time (like 2025-07-01), not an ID. Check that the right column was chosen.`
    case 'booleanCell':
      return `Excluded ${plural(count, 'TRUE or FALSE cell', 'TRUE or FALSE cells')}, which are not IDs. Check that the right column was chosen.`
    case 'errorCell':
      return `Excluded ${plural(count, 'cell', 'cells')} holding an Excel error (like #N/A or #REF!): a formula there failed, so the cell has no ID. Fix the formulas in Excel, save, and drop the file again.`
    case 'zeroPadded':
      return `Read ${plural(count, 'number cell', 'number cells')} with the leading zeros ${count === 1 ? 'its' : 'their'} cell format shows (like 123 shown as 000123), as Excel displays ${count === 1 ? 'it' : 'them'}.`
  }
}

/**
 * The issues of one source, most urgent first, each with its count, sentence and 5 examples.
 * e.g. records with 2 duplicates → [{ kind: 'duplicate', effect: 'dropped', count: 2, … }]
 */
export function summarizeIssues(records: IssueRecords, context: IssueContext): IssueSummary[] {
  const issues: IssueSummary[] = []
  for (const kind of ISSUE_ORDER) {
    const count = records.count(kind)
    if (count === 0) continue
    issues.push({
      kind,
      effect: ISSUE_EFFECT[kind],
      count,
      examples: examplesOf(records, kind, context.sourceName, (original) =>
        issueOutcome(kind, original, context),
      ),
      sentence: issueSentence(kind, count, context),
    })
  }
  return issues
}
