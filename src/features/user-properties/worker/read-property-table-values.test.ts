// Every property value in a file is sent as written, but for the trimming the page shows and
// counts: random cells written as CSV with each separator and line ending, streamed as UTF-8 bytes
// cut anywhere, read by readPropertyTable and turned into rows by analyseTable.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanId } from '../../../lib/ingest/clean-id'
import { csvCell, csvLayout, writeCsv } from '../../../lib/testing/csv-cells'
import { cutAt } from '../../../lib/testing/cut-at'
import { utf8 } from '../../../lib/testing/ingest-inputs'
import type { PropertyRow } from '../domain/plan-requests'
import { analyseTable, defaultMapping } from '../domain/property-table'
import { readPropertyTable } from './read-property-table'

const PROPERTIES = ['membership_tier', 'seat_section']
const registered = new Set(PROPERTIES)

/** What the documented cleaning makes of the rows: IDs as segments clean them, values trimmed. */
function expectedRows(header: readonly string[], cells: readonly (readonly string[])[]) {
  const idColumn = header.indexOf('user_id')
  const rows: PropertyRow[] = []
  let trimmed = 0
  // A row whose every cell is blank is not a row (a spreadsheet's empty line).
  const read = cells.filter((row) => row.some((cell) => cell.trim() !== ''))
  for (const row of read) {
    const id = cleanId(row[idColumn] ?? '').value
    const properties: Record<string, string> = {}
    let trimmedInRow = 0
    header.forEach((name, column) => {
      const raw = row[column] ?? ''
      if (column === idColumn || raw.trim() === '') return
      properties[name] = raw.trim()
      if (raw.trim() !== raw) trimmedInRow += 1
    })
    if (id === null || Object.keys(properties).length === 0) continue
    rows.push({ userId: id, properties })
    trimmed += trimmedInRow
  }
  return { rowsRead: read.length, rows, trimmed }
}

describe('readPropertyTable and analyseTable send every value as written', () => {
  it('keeps each value but for the trimming it counts, in every separator and line ending', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvLayout,
        fc.nat(2),
        fc.array(fc.tuple(csvCell, csvCell, csvCell), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (layout, idColumn, cells, cuts) => {
          const header = PROPERTIES.toSpliced(idColumn, 0, 'user_id')
          const bytes = utf8(writeCsv([header, ...cells], layout))

          const table = await readPropertyTable(cutAt(bytes, cuts), {
            name: 'members.csv',
            totalBytes: bytes.length,
          })
          const analysis = analyseTable(
            table,
            defaultMapping(table.columns, table.suggestedIdColumn),
            registered,
          )

          const expected = expectedRows(header, cells)
          expect(table.delimiter).toBe(layout.delimiter)
          expect(table.columns).toEqual(header)
          expect(analysis.rowsRead).toBe(expected.rowsRead)
          expect(analysis.rows).toEqual(expected.rows)
          expect(analysis.trimmedValues).toBe(expected.trimmed)
        },
      ),
      { numRuns: 300 },
    )
  })
})
