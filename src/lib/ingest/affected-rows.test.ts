import { describe, expect, it } from 'vitest'
import { AffectedRowsCsv, escapeCsvCell, examplesOf, IssueRecords } from './affected-rows'

describe('escapeCsvCell', () => {
  it('defuses cells Excel would run as formulas', () => {
    expect(escapeCsvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(escapeCsvCell('+123')).toBe("'+123")
    expect(escapeCsvCell('-123')).toBe("'-123")
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(escapeCsvCell('\t123')).toBe("'\t123")
    expect(escapeCsvCell('\r123')).toBe('"\'\r123"')
  })

  it('quotes commas, quotes, line breaks and edge spaces, and leaves plain cells alone', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"')
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""')
    expect(escapeCsvCell('a\nb')).toBe('"a\nb"')
    expect(escapeCsvCell(' 0012')).toBe('" 0012"')
    expect(escapeCsvCell('0012')).toBe('0012')
  })
})

describe('IssueRecords', () => {
  it('counts every row but stores only up to the limit', () => {
    const records = new IssueRecords(() => 2)
    for (const row of [3, 5, 9]) records.add('duplicate', row, `v${row}`)
    expect(records.count('duplicate')).toBe(3)
    expect(records.rows('duplicate')).toEqual([3, 5])
    expect(records.originals('duplicate')).toEqual(['v3', 'v5'])
    expect(records.isComplete('duplicate')).toBe(false)
    expect(records.isComplete('blank')).toBe(true)
    expect(records.count('blank')).toBe(0)
  })

  it('gives the first five stored rows as examples', () => {
    const records = new IssueRecords()
    for (let row = 2; row < 10; row++) records.add('blank', row, '')
    const examples = examplesOf(records, 'blank', 'ids.csv', () => 'Skipped')
    expect(examples.map((example) => example.row)).toEqual([2, 3, 4, 5, 6])
    expect(examples[0]).toEqual({ file: 'ids.csv', row: 2, original: '', outcome: 'Skipped' })
  })
})

describe('AffectedRowsCsv', () => {
  it('writes file, row, original value and outcome for every row, escaped', async () => {
    const csv = new AffectedRowsCsv()
    csv.add(
      '=evil.csv',
      [4, 7],
      ['1.2E+11', ' 12,3'],
      (original, index) => `#${index} ${original.trim()}`,
    )
    const blob = csv.toBlob()
    expect(blob.type).toBe('text/csv;charset=utf-8')
    expect(await blob.text()).toBe(
      'file,row,original value,outcome\n\'=evil.csv,4,1.2E+11,#0 1.2E+11\n\'=evil.csv,7," 12,3","#1 12,3"\n',
    )
  })

  it('handles many thousands of rows', async () => {
    const csv = new AffectedRowsCsv()
    const rows = Array.from({ length: 25_000 }, (_, i) => i + 2)
    csv.add('a.csv', rows, rows.map(String), () => 'Removed')
    const lines = (await csv.toBlob().text()).trimEnd().split('\n')
    expect(lines).toHaveLength(25_001)
    expect(lines.at(-1)).toBe('a.csv,25001,25001,Removed')
  })
})
