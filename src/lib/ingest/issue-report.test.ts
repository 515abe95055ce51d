import { describe, expect, it } from 'vitest'
import { IssueRecords } from './affected-rows'
import { issueOutcome, issueSentence, summarizeIssues, type IssueContext } from './issue-report'

const context: IssueContext = {
  sourceName: 'ids.csv',
  columnName: 'Account ID',
  mixedLengths: null,
}

describe('issue sentences', () => {
  it('counts in words a marketer reads, singular and plural', () => {
    expect(issueSentence('duplicate', 1, context)).toBe(
      'Removed 1 repeated ID in ids.csv, so each ID is sent once.',
    )
    expect(issueSentence('duplicate', 12_400, context)).toBe(
      'Removed 12,400 repeated IDs in ids.csv, so each ID is sent once.',
    )
    expect(issueSentence('blank', 3, context)).toBe('Skipped 3 blank rows or empty ID cells.')
  })

  it('tells how to re-export scientific-notation IDs as text', () => {
    const sentence = issueSentence('scientific', 5, context)
    expect(sentence).toContain(
      'Excluded 5 values written in scientific notation (like 1.23457E+11)',
    )
    expect(sentence).toContain('cannot be restored')
    expect(sentence).toContain('format the ID column as Text before pasting')
    expect(sentence).toContain('export the list from the source system as CSV')
  })

  it('explains a mixed-lengths column with the evidence of leading zeros', () => {
    const sentence = issueSentence('mixedLengths', 31, {
      ...context,
      mixedLengths: {
        typicalLength: 8,
        numericCount: 1000,
        shortCount: 31,
        shortestLength: 5,
        typicalWithLeadingZero: 40,
      },
    })
    expect(sentence).toBe(
      'Most IDs in "Account ID" have 8 digits, but 31 (3%) have 5–7 digits: leading zeros may have been lost, as Excel drops them when a column is not formatted as Text. Some 8-digit IDs start with 0, which makes this likely. Check these IDs against the source system.',
    )
  })
})

describe('issue outcomes', () => {
  it('says what happened to one row', () => {
    expect(issueOutcome('trimmed', '\u200B0012 ', context)).toBe(
      'Kept as 0012 after removing 1 zero-width character and 1 space',
    )
    expect(issueOutcome('decimalSuffix', '12345.0', context)).toBe('Corrected to 12345')
    expect(issueOutcome('tooLong', 'x'.repeat(1200), context)).toBe('Kept; 1,200 characters long')
    expect(issueOutcome('composite', '1:2', context)).toBe(
      'Kept; looks like two values joined into one',
    )
  })
})

describe('summarizeIssues', () => {
  it('lists the issues found, most urgent first, with their effect', () => {
    const records = new IssueRecords()
    records.add('duplicate', 4, '0012')
    records.add('scientific', 9, '1.2E+11')
    const issues = summarizeIssues(records, context)
    expect(issues.map((found) => [found.kind, found.effect, found.count])).toEqual([
      ['scientific', 'excluded', 1],
      ['duplicate', 'dropped', 1],
    ])
    expect(issues[1]?.examples).toEqual([
      {
        file: 'ids.csv',
        row: 4,
        original: '0012',
        outcome: 'Removed: the same ID appears in an earlier row',
      },
    ])
  })
})
