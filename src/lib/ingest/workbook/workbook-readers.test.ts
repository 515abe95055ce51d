import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { rejection } from '../../testing/ingest-inputs'
import { buildXlsx, sheetXml } from '../../testing/xlsx-builder'
import { cellAsText, type Cell } from './cell'
import { blobContainerKind, openWorkbook } from './open-workbook'
import { parseWorkbookSource } from './parse-workbook-source'
import { fromSheetJsCell } from './sheetjs-reader'
import type { Workbook } from './workbook-types'
import { readZipDirectory } from './zip-archive'

const FIXTURES = join(import.meta.dirname, '../../../../e2e/fixtures/workbooks')
const fixture = (name: string) => new Blob([readFileSync(join(FIXTURES, name))])

async function open(blob: Blob, name = 'book.xlsx'): Promise<Workbook> {
  const kind = await blobContainerKind(blob)
  if (kind === null) throw new Error('not a workbook')
  return openWorkbook(blob, kind, name)
}

/** Every non-empty cell of a sheet as "A1 kind text", through our reader. */
async function cellsOf(workbook: Workbook, sheet: number): Promise<string[]> {
  const seen: string[] = []
  await workbook.readSheet(sheet, {
    columnLimit: 16_384,
    row(row, cells, width) {
      for (let c = 0; c < width; c++) {
        const cell = cells[c] as Cell
        if (cell.kind !== 'empty')
          seen.push(`${XLSX.utils.encode_col(c)}${row} ${cell.kind} ${cellAsText(cell)}`)
      }
      return true
    },
  })
  return seen
}

/** The same through SheetJS alone, mapped by the same cell rules. */
function sheetJsCellsOf(bytes: Uint8Array, sheet: number): string[] {
  const book = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true })
  const data =
    (book.Sheets[book.SheetNames[sheet] ?? ''] as { '!data'?: XLSX.CellObject[][] })['!data'] ?? []
  const seen: string[] = []
  const cell: Cell = { kind: 'empty', text: '', number: 0, padWidth: 0 }
  data.forEach((row, r) =>
    row?.forEach((source, c) => {
      fromSheetJsCell(source, cell, false)
      if (cell.kind !== 'empty')
        seen.push(`${XLSX.utils.encode_col(c)}${r + 1} ${cell.kind} ${cellAsText(cell)}`)
    }),
  )
  return seen
}

describe('reading workbooks saved by LibreOffice', () => {
  it('reads every cell of an .xlsx as SheetJS does, sheet by sheet', async () => {
    const bytes = readFileSync(join(FIXTURES, 'cell-rules.xlsx'))
    const workbook = await open(new Blob([bytes]))
    expect(workbook.sheets).toEqual([
      { name: 'IDs', hidden: false },
      { name: 'Archive', hidden: true },
      { name: 'Properties', hidden: false },
    ])
    for (const sheet of [0, 1, 2]) {
      expect(await cellsOf(workbook, sheet)).toEqual(sheetJsCellsOf(new Uint8Array(bytes), sheet))
    }
    expect(await cellsOf(workbook, 0)).toEqual(
      expect.arrayContaining([
        'A2 text 0012345',
        'A3 number 123456789012',
        'A5 number 000123',
        'A7 date 2025-07-01',
        'A8 boolean TRUE',
        'A9 error #N/A',
        'A10 number 42',
        'A13 text  0099 ',
      ]),
    )
  })

  for (const file of ['cell-rules.xlsx', 'cell-rules.xls', 'cell-rules.ods']) {
    it(`applies every ID cell rule to ${file}, with row numbers as Excel shows them`, async () => {
      const { summary, ids } = await parseWorkbookSource(
        fixture(file),
        file.endsWith('.xls') ? 'compound' : 'zip',
        { name: file },
      )
      expect(ids.slice()).toEqual(['0012345', '123456789012', '000123', '42', '0099'])
      const rows = Object.fromEntries(
        summary.issues.map((issue) => [issue.kind, issue.examples.map((e) => e.row)]),
      )
      expect(rows).toEqual({
        roundedCell: [4],
        errorCell: [9],
        dateCell: [7],
        booleanCell: [8],
        decimalCell: [6],
        zeroPadded: [5],
        trimmed: [13],
        blank: [11],
      })
      expect(summary.workbook?.sheets.map((sheet) => sheet.name)).toEqual([
        'IDs',
        'Archive',
        'Properties',
      ])
    })
  }

  it('reads the first visible sheet holding data, and another one on request', async () => {
    const report = fixture('season-report.xlsx')
    const first = await parseWorkbookSource(report, 'zip', { name: 'season-report.xlsx' })
    expect(first.summary.workbook?.sheet).toBe(0)
    const renewals = await parseWorkbookSource(report, 'zip', {
      name: 'season-report.xlsx',
      sheet: 1,
    })
    expect(renewals.summary.columns).toEqual(['Name', 'Account ID'])
    expect(renewals.ids.slice()).toEqual(['00012345', '00012346', '0012347'])
  })
})

describe('workbooks built by hand', () => {
  it('skips an empty first sheet, and names columns by letter when there is no header', async () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'Empty', rows: [] },
        { name: 'Hidden', state: 'hidden', rows: [['99']] },
        { name: 'IDs', rows: [[{ n: '12345' }], [{ n: '67890' }]] },
      ],
    })
    const { summary, ids } = await parseWorkbookSource(new Blob([bytes]), 'zip', {
      name: 'ids.xlsx',
    })
    expect(summary.workbook?.sheet).toBe(2)
    expect(summary.hasHeader).toBe(false)
    expect(summary.columns).toEqual(['Column A'])
    expect(ids.slice()).toEqual(['12345', '67890'])
  })

  it('reads shared strings (runs joined, phonetic guides left out) and formats by style', async () => {
    const bytes = buildXlsx({
      numFmts: { 164: '00000000', 165: 'dd/mm/yyyy' },
      cellXfs: [164, 165, 14],
      sharedStrings: ['Account ID', '0042'],
      sheets: [
        {
          name: 'S',
          rows: [
            [{ xml: '<c t="s"><v>0</v></c>' }],
            [{ xml: '<c t="s"><v>1</v></c>' }],
            [{ n: '77', s: 1 }],
            [{ n: '45839', s: 2 }],
            [{ n: '45839', s: 3 }],
            [
              {
                xml: '<c t="inlineStr"><is><r><t>00</t></r><r><t>55</t></r><rPh><t>x</t></rPh></is></c>',
              },
            ],
            [{ xml: '<c t="str"><f>A2&amp;""</f><v>0042</v></c>' }],
          ],
        },
      ],
    })
    const { summary, ids } = await parseWorkbookSource(new Blob([bytes]), 'zip', { name: 's.xlsx' })
    expect(ids.slice()).toEqual(['0042', '00000077', '0055'])
    expect(
      summary.issues.find((issue) => issue.kind === 'dateCell')?.examples.map((e) => e.original),
    ).toEqual(['2025-07-01', '2025-07-01'])
  })

  it('treats __proto__, constructor and prototype as plain names', async () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: '__proto__',
          rows: [
            ['__proto__', 'constructor'],
            ['1', '2'],
          ],
        },
        { name: 'constructor', rows: [['prototype'], ['3']] },
        { name: 'prototype', rows: [['x']] },
      ],
      extraFiles: {
        'xl/comments1.xml':
          '<comments><commentList><comment ref="__proto__"><text><t>constructor</t></text></comment></commentList></comments>',
      },
    })
    const { summary, ids } = await parseWorkbookSource(new Blob([bytes]), 'zip', {
      name: 'proto.xlsx',
    })
    expect(summary.workbook?.sheets.map((sheet) => sheet.name)).toEqual([
      '__proto__',
      'constructor',
      'prototype',
    ])
    expect(summary.columns).toEqual(['__proto__', 'constructor'])
    expect(ids.slice()).toEqual(['1'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('costs nothing for a recorded range that runs to row 1,048,576', async () => {
    const sheet = sheetXml([['Account ID'], ['0012']]).replace(
      '<sheetData>',
      '<dimension ref="A1:XFD1048576"/><sheetData>',
    )
    const bytes = buildXlsx({
      sheets: [{ name: 'S', rows: [] }],
      extraFiles: { 'xl/worksheets/sheet1.xml': sheet },
    })
    const started = performance.now()
    const { ids } = await parseWorkbookSource(new Blob([bytes]), 'zip', { name: 'range.xlsx' })
    expect(ids.slice()).toEqual(['0012'])
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('bad workbooks end in a sentence', () => {
  const read = (bytes: Uint8Array | Buffer, name: string) =>
    rejection(parseWorkbookSource(new Blob([new Uint8Array(bytes)]), 'zip', { name }))

  it('a sheet that inflates a thousandfold', async () => {
    const huge = `<worksheet><sheetData>${'<row/>'.repeat(12_000_000)}</sheetData></worksheet>`
    const bytes = zipSync(
      {
        'xl/workbook.xml': strToU8(
          '<workbook><sheets><sheet name="S" r:id="x"/></sheets></workbook>',
        ),
        'xl/worksheets/sheet1.xml': strToU8(huge),
      },
      { level: 9 },
    )
    const error = await read(bytes, 'bomb.xlsx')
    expect(error.code).toBe('workbook-bomb')
    expect(error.sentence).toContain(
      'bomb.xlsx holds a part that inflates to far more data than a workbook holds',
    )
  })

  it('XML entity expansion', async () => {
    const sheet =
      '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>'
    const bytes = buildXlsx({
      sheets: [{ name: 'S', rows: [] }],
      extraFiles: { 'xl/worksheets/sheet1.xml': sheet },
    })
    const error = await read(bytes, 'lol.xlsx')
    expect(error.code).toBe('unsafe-workbook')
  })

  it('a sheet whose compressed data is damaged, or cut short', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows: [['Account ID'], ['0012']] }] })
    const entry = (await readZipDirectory(new Blob([bytes]))).get('xl/worksheets/sheet1.xml')
    if (entry === undefined) throw new Error('no sheet')
    const view = new DataView(bytes.buffer, bytes.byteOffset + entry.localHeaderOffset)
    const dataStart =
      entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true)
    // A block of type 3, which deflate does not have.
    const damaged = bytes.slice()
    damaged[dataStart] = 0xff
    expect((await read(damaged, 'damaged.xlsx')).code).toBe('damaged-workbook')
    // The last block's bytes zeroed: a stored block that promises more than follows.
    const cut = bytes.slice()
    cut.fill(0, dataStart + entry.compressedSize - 4, dataStart + entry.compressedSize)
    cut[dataStart] = 0x00
    expect((await read(cut, 'cut.xlsx')).code).toBe('damaged-workbook')
  })

  it('a password-protected workbook', async () => {
    const error = await rejection(
      parseWorkbookSource(fixture('password-protected.ods'), 'zip', { name: 'locked.ods' }),
    )
    expect(error.sentence).toBe(
      'locked.ods is protected by a password, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook), or save a copy as CSV UTF-8, then drop that file here.',
    )
  })

  it('an .xlsb, a workbook with no data, a truncated zip', async () => {
    const xlsb = zipSync({
      'xl/workbook.bin': new Uint8Array(8),
      '[Content_Types].xml': strToU8('<Types/>'),
    })
    expect((await read(xlsb, 'fans.xlsb')).code).toBe('unsupported-workbook')
    const empty = buildXlsx({
      sheets: [
        { name: 'A', rows: [] },
        { name: 'B', rows: [[null]] },
      ],
    })
    expect((await read(empty, 'empty.xlsx')).sentence).toBe(
      'empty.xlsx has no data: every sheet in it is empty.',
    )
    const whole = buildXlsx({ sheets: [{ name: 'S', rows: [['1']] }] })
    expect((await read(whole.slice(0, whole.length - 40), 'cut.xlsx')).code).toBe(
      'damaged-workbook',
    )
  })

  it('a 50 MB shared-strings table is read in bounded memory', async () => {
    const strings = Array.from(
      { length: 2_000_000 },
      (_, i) => `fan-${String(i).padStart(12, '0')}`,
    )
    const bytes = buildXlsx({
      sharedStrings: strings,
      sheets: [{ name: 'S', rows: [['user_id'], [{ xml: '<c t="s"><v>1999999</v></c>' }]] }],
      level: 1,
    })
    const directory = await readZipDirectory(new Blob([bytes]))
    expect(directory.get('xl/sharedStrings.xml')?.uncompressedSize).toBeGreaterThan(50_000_000)
    const before = process.memoryUsage().heapUsed
    const { ids } = await parseWorkbookSource(new Blob([bytes]), 'zip', { name: 'sst.xlsx' })
    expect(ids.slice()).toEqual(['fan-000001999999'])
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(400 * 1024 * 1024)
    // Memory is what this test is about; building and reading 50 MB takes ~10 s on a quiet
    // machine and three times that while the end-to-end half of npm test runs beside it.
  }, 120_000)
})
