import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface CsvFile {
  name: string
  mimeType: string
  buffer: Buffer
}

interface TableOptions {
  name: string
  header: readonly string[] | null
  rows: readonly (readonly string[])[]
  delimiter?: string
  lineEnding?: '\r\n' | '\n' | '\r'
  bom?: boolean
}

/** A small CSV exactly as a spreadsheet or ticketing system would export it. */
export function createTableCsv(options: TableOptions): CsvFile {
  const delimiter = options.delimiter ?? ','
  const lineEnding = options.lineEnding ?? '\n'
  const lines = [...(options.header ? [options.header] : []), ...options.rows].map((row) =>
    row.join(delimiter),
  )
  const text = lines.join(lineEnding) + lineEnding
  const bytes = Buffer.from(text, 'utf8')
  return {
    name: options.name,
    mimeType: 'text/csv',
    buffer: options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes,
  }
}

/**
 * A large one-column ID export written to a temporary file (Playwright streams it from disk).
 * Every `duplicateEvery`-th row repeats the previous ID. Returns the path and the unique count.
 */
export function writeIdsCsv(options: {
  rows: number
  duplicateEvery?: number
  lineEnding?: string
}): {
  path: string
  uniqueIds: number
  firstId: string
  lastId: string
} {
  const lineEnding = options.lineEnding ?? '\r\n'
  const parts: string[] = ['user_id']
  let unique = 0
  let id = ''
  for (let row = 0; row < options.rows; row++) {
    if (options.duplicateEvery && row > 0 && row % options.duplicateEvery === 0) {
      parts.push(id)
      continue
    }
    id = String(100_000_000 + unique)
    unique++
    parts.push(id)
  }
  const path = join(mkdtempSync(join(tmpdir(), 'fanpass-e2e-')), `ids-${options.rows}.csv`)
  writeFileSync(path, parts.join(lineEnding) + lineEnding)
  return { path, uniqueIds: unique, firstId: '100000000', lastId: id }
}
