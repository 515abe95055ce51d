import { inferSchema, initParser, type Parser } from 'udsv'
import { SINGLE_COLUMN_DELIMITER } from '../../src/lib/ingest/plan-layout'
import type { Delimiter } from '../../src/lib/ingest/types'
import { timeRowReading } from './bare-parse'
import type { BareParseFigures } from './protocol'
import {
  BATCH_CHARS,
  SAMPLE_CHARS,
  hasWholeFirstLine,
  sniffFirstLines,
  textBatches,
  type BareReadOptions,
} from './text-batches'

/**
 * Every row of a UTF-8 byte stream, as uDSV's incremental parser reads it, set up as its README
 * shows (inferSchema on the first text, then chunk() and end()) with the delimiter the console
 * would pick; no row is taken as a header. Resolves to that delimiter. The batches are those the
 * papaparse floor gets, the first one held back as there until it holds a whole line.
 * e.g. readRowsWithUdsv(chunks of 'id;name\r\n"0012";Ann\r\n', onRow) → onRow(['id', 'name']), onRow(['0012', 'Ann']); ';'
 */
export async function readRowsWithUdsv(
  chunks: AsyncIterable<Uint8Array>,
  onRow: (row: string[]) => void,
  { batchChars = BATCH_CHARS, ...known }: BareReadOptions = {},
): Promise<Delimiter | null> {
  let parser: Parser | null = null
  let delimiter: Delimiter | null = null
  let pending = ''
  const each = (row: string[]) => {
    onRow(row)
  }
  for await (const { text, isLast } of textBatches(chunks, batchChars)) {
    pending += text
    if (parser === null) {
      if (!isLast && !hasWholeFirstLine(pending)) continue
      if (pending === '') return null
      delimiter = known.delimiter === undefined ? sniffFirstLines(pending, isLast) : known.delimiter
      const schema = inferSchema(pending.slice(0, SAMPLE_CHARS), {
        col: delimiter ?? SINGLE_COLUMN_DELIMITER,
        header: () => [],
      })
      parser = initParser(schema)
    }
    // chunk() takes a CR at the end of a chunk for a whole CRLF: the LF starting the next chunk
    // would become part of the next row's first cell (udsv-exactness.test.ts). It waits instead.
    const held = !isLast && parser.schema.row === '\r\n' && pending.endsWith('\r') ? 1 : 0
    parser.chunk<string[]>(held === 0 ? pending : pending.slice(0, -1), parser.stringArrs, each)
    pending = held === 0 ? '' : '\r'
    if (isLast) parser.end()
  }
  return delimiter
}

/**
 * uDSV's bare streaming parse (readRowsWithUdsv), timed as the papaparse floor is: the other
 * side of the bench's parser comparison.
 * e.g. measureUdsvParse(new File(['id;name\r\n"0012";Ann\r\n'], 'a.csv')) → { rows: 2, delimiter: ';', durationMs: 0.2 }
 */
export function measureUdsvParse(file: Blob): Promise<BareParseFigures> {
  return timeRowReading(readRowsWithUdsv, file)
}
