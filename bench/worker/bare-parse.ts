import Papa from 'papaparse'
import { blobChunks } from '../../src/lib/ingest/blob-chunks'
import { toLf } from '../../src/lib/ingest/line-endings'
import { SINGLE_COLUMN_DELIMITER } from '../../src/lib/ingest/plan-layout'
import { sniffDelimiter } from '../../src/lib/ingest/sniff-delimiter'
import type { Delimiter } from '../../src/lib/ingest/types'

const SAMPLE_CHARS = 64 * 1024
const BATCH_CHARS = 1024 * 1024

export interface BareParseFigures {
  durationMs: number
  rows: number
  delimiter: Delimiter | null
}

/**
 * The ingest benchmark's floor: papaparse's bare streaming parse of a UTF-8 file with the
 * delimiter the console would pick, a step callback that only counts rows, no cleaning and no
 * de-duplication, read through the same Blob stream the console reads.
 * e.g. measureBareParse(new File(['id;name\r\n"0012";Ann\r\n'], 'a.csv')) → { rows: 2, delimiter: ';', durationMs: 0.3 }
 */
export async function measureBareParse(file: Blob): Promise<BareParseFigures> {
  const startedAt = performance.now()
  const decoder = new TextDecoder('utf-8')
  let parser: Papa.Parser | null = null
  let delimiter: Delimiter | null = null
  let rows = 0
  let carry = ''
  let pending = ''
  const feed = (isLast: boolean) => {
    const input = carry + pending
    pending = ''
    if (parser === null) {
      const lines = toLf(input.slice(0, SAMPLE_CHARS)).split('\n')
      delimiter = sniffDelimiter(isLast ? lines : lines.slice(0, -1))
      parser = new Papa.Parser({
        delimiter: delimiter ?? SINGLE_COLUMN_DELIMITER,
        newline: input.slice(0, SAMPLE_CHARS).includes('\r\n') ? '\r\n' : '\n',
        quoteChar: '"',
        step: () => {
          rows++
        },
      })
    }
    // The last row of a batch may be cut: papaparse leaves it out and says where it starts.
    const result: { meta: { cursor: number } } = parser.parse(input, 0, !isLast)
    carry = isLast ? '' : input.slice(result.meta.cursor)
  }
  for await (const bytes of blobChunks(file)) {
    pending += decoder.decode(bytes, { stream: true })
    if (pending.length >= BATCH_CHARS) feed(false)
  }
  pending += decoder.decode()
  // A final line break ends the last row; papaparse would count an empty row after it.
  const whole = carry + pending
  carry = ''
  pending = whole.endsWith('\r\n')
    ? whole.slice(0, -2)
    : whole.endsWith('\n')
      ? whole.slice(0, -1)
      : whole
  feed(true)
  return { durationMs: performance.now() - startedAt, rows, delimiter }
}
