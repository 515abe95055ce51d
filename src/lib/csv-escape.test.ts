import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { escapeCsvCell, toCsv } from './csv-escape'

describe('escapeCsvCell', () => {
  it.each([
    ['12345', '12345'],
    ['0012345', '0012345'],
    ['Gold', 'Gold'],
    ['', ''],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['=1+1', `'=1+1`],
    ['-1', `'-1`],
    ['+44 20 7946 0000', `'+44 20 7946 0000`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=cmd', `'\t=cmd`],
    ['\r=cmd', `"'\r=cmd"`],
    ['a-b', 'a-b'],
    ['say "hi"', '"say ""hi"""'],
    ['Leeds, UK', '"Leeds, UK"'],
    ['a;b', '"a;b"'],
    ['line one\nline two', '"line one\nline two"'],
    ['line one\r\nline two', '"line one\r\nline two"'],
    [' padded ', '" padded "'],
    ['⚽🏆👨‍👩‍👧', '⚽🏆👨‍👩‍👧'],
    ['מנוי עונתי', 'מנוי עונתי'],
    ['نادي, الرياض', '"نادي, الرياض"'],
  ])('%j → %j', (value, cell) => {
    expect(escapeCsvCell(value)).toBe(cell)
  })
})

describe('toCsv', () => {
  it('joins cells with commas and ends every line with CRLF', () => {
    expect(
      toCsv([
        ['userId', 'tier'],
        ['12345', 'Gold'],
      ]),
    ).toBe('userId,tier\r\n12345,Gold\r\n')
    expect(toCsv([])).toBe('')
  })

  it('round-trips through a CSV parser to the same text, apart from the defusing apostrophe', () => {
    const rows = [
      ['userId', 'note', 'error'],
      ['007', 'say "hi", then\r\nleave', 'Leeds; UK'],
      ['42', '⚽ مرحبا', '=HYPERLINK("http://evil")'],
      ['-5', '', '@SUM'],
    ]
    const parsed = Papa.parse<string[]>(toCsv(rows), { header: false, skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    expect(parsed.data).toEqual([
      ['userId', 'note', 'error'],
      ['007', 'say "hi", then\r\nleave', 'Leeds; UK'],
      ['42', '⚽ مرحبا', `'=HYPERLINK("http://evil")`],
      [`'-5`, '', `'@SUM`],
    ])
  })
})
