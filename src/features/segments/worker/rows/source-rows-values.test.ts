// Every cell of an export reaches the rows "Keep rows where…" filters on as written: random cells
// (quotes, separators, CR, LF, any Unicode) written as CSV with each separator and line ending,
// streamed as UTF-8 bytes cut anywhere, read by parseSource into a ColumnTable.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSource } from '../../../../lib/ingest/parse-source'
import { csvCell, csvLayout, writeCsv } from '../../../../lib/testing/csv-cells'
import { cutAt } from '../../../../lib/testing/cut-at'
import { utf8 } from '../../../../lib/testing/ingest-inputs'
import { SourceRowsReader } from './source-rows'

const HEADER = ['Account ID', 'Plan', 'Notes']

describe('the rows of an export read as written', () => {
  it('keeps every cell of every row, in every separator and line ending', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvLayout,
        fc.array(fc.tuple(csvCell, fc.constantFrom('Gold', 'Silver', ''), csvCell), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (layout, cells, cuts) => {
          // A file whose only data rows are blank (separators and spaces) shows no header to
          // detect: it is read as a list, and keeps no rows.
          fc.pre(cells.some((row) => row.some((cell) => cell.trim() !== '')))
          const bytes = utf8(writeCsv([HEADER, ...cells], layout))
          const rows = new SourceRowsReader()

          await parseSource(cutAt(bytes, cuts), {
            name: 'export.csv',
            kind: 'file',
            totalBytes: bytes.length,
            keepRows: (columns, idColumn) => rows.start(columns, idColumn),
          })

          const table = rows.finish()
          expect(table?.rowCount).toBe(cells.length)
          const read = cells.map((_, row) =>
            (table?.columns ?? []).map(({ values, codes }) => values[codes[row] ?? -1]),
          )
          expect(read).toEqual(cells)
          expect([...(table?.rowNumbers ?? [])]).toEqual(cells.map((_, row) => row + 2))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads a file of many chunks without quotes, a CRLF cut between chunks', async () => {
    const cells = Array.from({ length: 60_000 }, (_, i) => [
      `A${i % 45_000}`,
      i % 2 === 0 ? 'Gold' : 'Silver',
      i % 7 === 0 ? '' : `note ${i}`,
    ])
    const text = writeCsv([HEADER, ...cells], {
      delimiter: ';',
      lineEnding: '\r\n',
      quoteAll: false,
      finalLineBreak: true,
    })
    const bytes = utf8(text)
    const rows = new SourceRowsReader()

    const parsed = await parseSource(cutAt(bytes, [text.indexOf('\r\nA7;') + 1, 700_001]), {
      name: 'export.csv',
      kind: 'file',
      totalBytes: bytes.length,
      keepRows: (columns, idColumn) => rows.start(columns, idColumn),
    })

    const table = rows.finish()
    expect(parsed.summary.uniqueIds).toBe(45_000)
    expect(table?.rowCount).toBe(60_000)
    expect(table?.columns.map((column) => column.values.length)).toEqual([45_000, 2, 51_429])
    const row = 59_999
    expect(table?.columns.map(({ values, codes }) => values[codes[row] ?? -1])).toEqual(cells[row])
  })
})
