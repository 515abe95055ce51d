// Excel 97–2003 (.xls) and OpenDocument (.ods) workbooks, read by SheetJS Community Edition
// (docs/dependencies.md says which build and why it is trusted). Both are small by nature (an .xls sheet
// stops at 65,536 rows) and are read whole; the zip of an .ods has already been checked for
// bombs and document types by our own reader before SheetJS sees it.
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx'
import { emptyCell, excelSerialDate, excelSerialTime, type Cell } from './cell'
import { formatCodeMeaning } from './number-format'
import type { ReadSheetOptions, RowSink, Workbook } from './workbook-types'

/** SheetJS reports a password-protected file with this in its message. */
export const PASSWORD_MESSAGE = /password/i

// [MS-XLS] 2.5.97.2 BErr: the error values a cell can hold.
const ERROR_TEXT: ReadonlyMap<number, string> = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
])

/**
 * One SheetJS cell as our Cell.
 * e.g. { t: 'n', v: 123, z: '000000' } → number 123, padWidth 6; { t: 'n', v: 45839, z: 'yyyy-mm-dd' } → date "2025-07-01"
 */
export function fromSheetJsCell(source: CellObject, into: Cell, date1904: boolean): void {
  into.padWidth = 0
  into.number = 0
  into.text = ''
  const value = source.v
  switch (source.t) {
    case 's':
      into.kind = typeof value === 'string' && value !== '' ? 'text' : 'empty'
      into.text = typeof value === 'string' ? value : ''
      return
    case 'b':
      into.kind = 'boolean'
      into.number = value === true ? 1 : 0
      return
    case 'e':
      into.kind = 'error'
      into.text =
        typeof value === 'number'
          ? (ERROR_TEXT.get(value) ?? '#VALUE!')
          : String(source.w ?? '#VALUE!')
      return
    case 'd':
      into.kind = 'date'
      into.text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '')
      return
    case 'n': {
      if (typeof value !== 'number' || !Number.isFinite(value)) break
      const format = typeof source.z === 'string' ? formatCodeMeaning(source.z) : null
      if (format?.kind === 'date' || format?.kind === 'time') {
        into.kind = 'date'
        into.text =
          format.kind === 'date' ? excelSerialDate(value, date1904) : excelSerialTime(value)
        return
      }
      into.kind = 'number'
      into.number = value
      into.padWidth = format?.padWidth ?? 0
      return
    }
  }
  into.kind = 'empty'
}

function denseRows(sheet: WorkSheet | undefined): CellObject[][] {
  const data = (sheet as { '!data'?: CellObject[][] } | undefined)?.['!data']
  return data ?? []
}

/**
 * Parses a whole .xls or .ods with SheetJS; throws its errors (the caller words them).
 * e.g. (await openWithSheetJs(bytes, 'xls')).sheets → [{ name: 'Sheet1', hidden: false }]
 */
export async function openWithSheetJs(bytes: Uint8Array, format: 'xls' | 'ods'): Promise<Workbook> {
  const XLSX = await import('@e965/xlsx')
  const book: WorkBook = XLSX.read(bytes, {
    type: 'array',
    dense: true,
    cellNF: true,
    cellDates: false,
    cellFormula: false,
    cellHTML: false,
    cellText: false,
    bookVBA: false,
  })
  const date1904 = book.Workbook?.WBProps?.date1904 === true
  const sheets = book.SheetNames.map((name, index) => ({
    name,
    hidden: (book.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0,
  }))
  return {
    format,
    sheets,
    async readSheet(index: number, sink: RowSink, options: ReadSheetOptions = {}) {
      const name = book.SheetNames[index]
      // A Map lookup would be safer still, but SheetJS keys sheets by name; ask only for own keys.
      const sheet =
        name !== undefined && Object.prototype.hasOwnProperty.call(book.Sheets, name)
          ? book.Sheets[name]
          : undefined
      const rows = denseRows(sheet)
      const cells: Cell[] = []
      for (let r = 0; r < rows.length; r++) {
        if (options.signal?.aborted) return
        const source = rows[r]
        if (source === undefined) continue
        let width = 0
        const limit = Math.min(source.length, sink.columnLimit)
        for (let c = 0; c < limit; c++) {
          while (cells.length <= c) cells.push(emptyCell())
          const cell = cells[c] as Cell
          const from = source[c]
          if (from === undefined) cell.kind = 'empty'
          else fromSheetJsCell(from, cell, date1904)
          if (cell.kind !== 'empty') width = c + 1
        }
        if (width > 0 && !sink.row(r + 1, cells, width)) break
        if (r % 4096 === 0) options.onProgress?.(r / rows.length)
      }
      options.onProgress?.(1)
    },
  }
}
