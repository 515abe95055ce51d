import Papa from 'papaparse'
import { blobChunks } from '../../src/lib/ingest/blob-chunks'
import { SINGLE_COLUMN_DELIMITER } from '../../src/lib/ingest/plan-layout'
import type { Delimiter } from '../../src/lib/ingest/types'
import type { BareParseFigures } from './protocol'
import {
  BATCH_CHARS,
  firstLineBreak,
  hasWholeFirstLine,
  sniffFirstLines,
  textBatches,
  type BareReadOptions,
} from './text-batches'

/**
 * Every row of a UTF-8 byte stream, as papaparse's bare streaming parse reads it with the
 * delimiter the console would pick: no cleaning, no de-duplication. Resolves to that delimiter.
 * e.g. readRowsWithPapaparse(chunks of 'id;name\r\n"0012";Ann\r\n', onRow) → onRow(['id', 'name']), onRow(['0012', 'Ann']); ';'
 */
export async function readRowsWithPapaparse(
  chunks: AsyncIterable<Uint8Array>,
  onRow: (row: string[]) => void,
  { batchChars = BATCH_CHARS, ...known }: BareReadOptions = {},
): Promise<Delimiter | null> {
  let parser: Papa.Parser | null = null
  let delimiter: Delimiter | null = null
  let newline: ReturnType<typeof firstLineBreak> = '\n'
  let carry = ''
  for await (const { text, isLast } of textBatches(chunks, batchChars)) {
    let input = carry + text
    if (parser === null) {
      if (!isLast && !hasWholeFirstLine(input)) {
        carry = input
        continue
      }
      delimiter = known.delimiter === undefined ? sniffFirstLines(input, isLast) : known.delimiter
      newline = firstLineBreak(input)
      parser = new Papa.Parser({
        delimiter: delimiter ?? SINGLE_COLUMN_DELIMITER,
        newline,
        quoteChar: '"',
        step: (result: { data: string[][] }) => {
          // The low-level parser's step gives each row as a one-row table.
          onRow(result.data[0] ?? [])
        },
      })
    }
    // A final line break ends the last row; papaparse would count an empty row after it.
    if (isLast && input.endsWith(newline)) input = input.slice(0, -newline.length)
    // The last row of a batch may be cut: papaparse leaves it out and says where it starts.
    const result: { meta: { cursor: number } } = parser.parse(input, 0, !isLast)
    carry = isLast ? '' : input.slice(result.meta.cursor)
  }
  return delimiter
}

/** A bare streaming parse of a byte stream: every row to `onRow`, resolving to the delimiter. */
export type RowReader = (
  chunks: AsyncIterable<Uint8Array>,
  onRow: (row: string[]) => void,
) => Promise<Delimiter | null>

/**
 * `read` timed over `file` read through the same Blob stream the console reads, the row
 * callback only counting: how each side of the bench's parser comparison is measured.
 * e.g. timeRowReading(readRowsWithUdsv, new File(['id;name\r\n"0012";Ann\r\n'], 'a.csv')) → { rows: 2, delimiter: ';', durationMs: 0.2 }
 */
export async function timeRowReading(read: RowReader, file: Blob): Promise<BareParseFigures> {
  const startedAt = performance.now()
  let rows = 0
  const delimiter = await read(blobChunks(file), () => {
    rows++
  })
  return { durationMs: performance.now() - startedAt, rows, delimiter }
}

/**
 * The ingest benchmark's floor: papaparse's bare streaming parse (readRowsWithPapaparse), timed.
 * e.g. measureBareParse(new File(['id;name\r\n"0012";Ann\r\n'], 'a.csv')) → { rows: 2, delimiter: ';', durationMs: 0.3 }
 */
export function measureBareParse(file: Blob): Promise<BareParseFigures> {
  return timeRowReading(readRowsWithPapaparse, file)
}
