import { describe, expect, it } from 'vitest'
import { buildXlsx, sheetXml, type TestCell } from '../../testing/xlsx-builder'
import { parseWorkbookSource } from './parse-workbook-source'
import { dimensionRows, expectedSheetRows, MIN_ROW_BYTES, type SheetSize } from './sheet-size'
import { MAX_ROWS } from './workbook-types'

describe('dimensionRows', () => {
  it('reads the rows a range declares', () => {
    expect(dimensionRows('A1:T1000001')).toBe(1_000_001)
    expect(dimensionRows('B3:C7')).toBe(5)
    expect(dimensionRows('$A$1:$B$10')).toBe(10)
    expect(dimensionRows('A1')).toBe(1)
  })

  it('says nothing for a range no sheet has', () => {
    for (const ref of [
      undefined,
      '',
      'junk',
      'A0:B5',
      'A9:B2',
      'A1:B99999999',
      'a1:b2',
      'A1:B2 ',
    ]) {
      expect(dimensionRows(ref)).toBeNull()
    }
  })
})

describe('expectedSheetRows', () => {
  // 51 rows seen, 700 characters each, after a 150-character preamble: a 700 MB part holds ~1M.
  const seen = { rowsSeen: 51, firstRowAt: 150, latestRowAt: 150 + 50 * 700 }
  const part = 150 + 1_000_000 * 700

  it('estimates from the part size at the density of the rows seen', () => {
    expect(expectedSheetRows({ partBytes: part, declaredRows: null, ...seen })).toBe(1_000_000)
  })

  it('takes a plausible dimension as it is', () => {
    expect(expectedSheetRows({ partBytes: part, declaredRows: 1_000_001, ...seen })).toBe(1_000_001)
    expect(expectedSheetRows({ partBytes: part, declaredRows: 600_000, ...seen })).toBe(600_000)
  })

  it('trusts the density over a dimension far from it', () => {
    const small: SheetSize = { partBytes: 150 + 2_000 * 700, declaredRows: 1_048_576, ...seen }
    expect(expectedSheetRows(small)).toBe(2_000)
    expect(expectedSheetRows({ partBytes: part, declaredRows: 1, ...seen })).toBe(1_000_000)
  })

  it('never goes past what the part can hold nor past a sheet’s rows', () => {
    const none = { rowsSeen: 0, firstRowAt: 0, latestRowAt: 0 }
    expect(expectedSheetRows({ partBytes: 5_000, declaredRows: 1_048_576, ...none })).toBe(
      Math.floor(5_000 / MIN_ROW_BYTES),
    )
    expect(expectedSheetRows({ partBytes: 2 ** 31, declaredRows: 9_999_999, ...none })).toBe(
      MAX_ROWS,
    )
    // Rows 1 character apart (no row is that short) judge a small part to hold very many.
    const dense = { rowsSeen: 51, firstRowAt: 0, latestRowAt: 50 }
    expect(expectedSheetRows({ partBytes: 10_000, declaredRows: null, ...dense })).toBe(
      Math.floor(10_000 / MIN_ROW_BYTES),
    )
  })

  it('cannot tell from nothing', () => {
    const one = { rowsSeen: 1, firstRowAt: 10, latestRowAt: 10 }
    expect(expectedSheetRows({ partBytes: 1_000, declaredRows: null, ...one })).toBeUndefined()
  })
})

/** The rows a workbook read told its row keeper to make room for. */
async function roomAsked(sheet: string): Promise<number | undefined> {
  const bytes = buildXlsx({
    sheets: [{ name: 'S', rows: [] }],
    extraFiles: { 'xl/worksheets/sheet1.xml': sheet },
  })
  const asked: (number | undefined)[] = []
  const { summary } = await parseWorkbookSource(new Blob([bytes]), 'zip', {
    name: 'tickets.xlsx',
    keepRows: (_columns, _idColumn, expectedRows, maxRows) => {
      asked.push(expectedRows)
      // No room past a sheet's rows, whatever margin the keeper adds.
      expect(maxRows).toBe(MAX_ROWS)
      return { addRows: () => undefined }
    },
  })
  expect(asked).toHaveLength(1)
  expect(summary.rowsRead).toBe(ROWS)
  return asked[0]
}

const ROWS = 3_000
const rows: TestCell[][] = [
  ['Account ID', 'Plan'],
  ...Array.from({ length: ROWS }, (_, i): TestCell[] => [{ n: String(1_000_000 + i) }, 'Gold']),
]
const withDimension = (ref: string) =>
  sheetXml(rows).replace('<sheetData>', `<dimension ref="${ref}"/><sheetData>`)

describe('a workbook read makes room once for its rows', () => {
  it('as many as its dimension declares', async () => {
    expect(await roomAsked(withDimension(`A1:B${ROWS + 1}`))).toBe(ROWS + 1)
  })

  it('as many as its size holds at its first rows’ density, without a dimension', async () => {
    const room = (await roomAsked(sheetXml(rows))) as number
    expect(room).toBeGreaterThanOrEqual(ROWS)
    expect(room).toBeLessThan(ROWS * 1.05)
  })

  it('no more than that for a dimension that lies', async () => {
    const room = (await roomAsked(withDimension('A1:XFD1048576'))) as number
    expect(room).toBeGreaterThanOrEqual(ROWS)
    expect(room).toBeLessThan(ROWS * 1.05)
  })
})
