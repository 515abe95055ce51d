// Every ID in a file reaches the list as written, but for the cleaning the page shows and counts:
// random cells (quotes, separators, tabs, CR, LF, CRLF, any Unicode but NUL and other controls,
// emoji, right-to-left text) written as CSV with each separator and line ending, streamed as
// UTF-8 bytes cut anywhere (inside a character, a CRLF or a quoted field), read by parseSource.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, csvLayout, writeCsv } from '../testing/csv-cells'
import { cutAt } from '../testing/cut-at'
import { utf8 } from '../testing/ingest-inputs'
import { CLEAN_FLAG, cleanId } from './clean-id'
import { parseSource } from './parse-source'
import type { IssueKind } from './types'

const HEADER = ['Notes', 'Seat']

describe('parseSource reads every ID as written', () => {
  it('keeps each ID cell but for the cleaning it counts, in every separator and line ending', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvLayout,
        fc.nat(2),
        fc.array(fc.tuple(csvCell, csvCell, csvCell), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (layout, idColumn, cells, cuts) => {
          // A file whose only data row is empty separators shows no layout to detect, and holds
          // no ID either way.
          fc.pre(cells.some((row) => row.some((cell) => cell !== '')))
          const header = HEADER.toSpliced(idColumn, 0, 'Account ID')
          const bytes = utf8(writeCsv([header, ...cells], layout))

          const parsed = await parseSource(cutAt(bytes, cuts), {
            name: 'export.csv',
            kind: 'file',
            totalBytes: bytes.length,
          })

          const written = cells.map((row) => row[idColumn] ?? '')
          const cleaned = written.map(cleanId)
          const kept = [...new Set(cleaned.flatMap(({ value }) => (value === null ? [] : [value])))]
          const counted = (kind: IssueKind) =>
            parsed.summary.issues.find((issue) => issue.kind === kind)?.count ?? 0
          const flagged = (flag: number) =>
            cleaned.filter((outcome) => (outcome.flags & flag) !== 0).length

          expect(parsed.summary.delimiter).toBe(layout.delimiter)
          expect(parsed.summary.columns).toEqual(header)
          expect(parsed.summary.idColumn).toBe(idColumn)
          expect(parsed.summary.rowsRead).toBe(cells.length)
          expect(parsed.ids.slice()).toEqual(kept)
          // Each change to a kept value is one the card names and counts.
          expect(counted('trimmed')).toBe(flagged(CLEAN_FLAG.trimmed))
          expect(counted('decimalSuffix')).toBe(flagged(CLEAN_FLAG.decimalSuffix))
          expect(counted('blank')).toBe(flagged(CLEAN_FLAG.blank))
          expect(counted('scientific')).toBe(flagged(CLEAN_FLAG.scientific))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps a quoted line break inside an ID, in a file large enough to be read in many chunks', async () => {
    for (const lineEnding of ['\r\n', '\n', '\r'] as const) {
      const rows = Array.from({ length: 60_000 }, (_, i) => [
        i % 1000 === 7 ? `fan ${i}\r\nsecond line` : `fan-${i}`,
        i % 3 === 0 ? `note\r${i}` : 'plain',
      ])
      const text = writeCsv([['Account ID', 'Notes'], ...rows], {
        delimiter: ';',
        lineEnding,
        quoteAll: false,
        finalLineBreak: true,
      })
      const bytes = utf8(text)

      const parsed = await parseSource(cutAt(bytes, [70_001, 300_003, 900_005]), {
        name: 'big.csv',
        kind: 'file',
        totalBytes: bytes.length,
      })

      expect(parsed.ids.length).toBe(rows.length)
      expect(parsed.ids.slice().filter((id) => id.includes('\n'))).toEqual(
        rows.filter((row) => row[0]?.includes('\n')).map((row) => row[0]),
      )
    }
  })
})
