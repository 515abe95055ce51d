import { describe, expect, it } from 'vitest'
import { IngestError } from './ingest-error'
import { parseSource, type ParsedSource } from './parse-source'

// Files from the bad-files corpus (e2e/drop-any-file.spec.ts) that the first version of
// the reader got wrong, pinned here where each takes milliseconds.

async function* chunks(text: string, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size)
}

function readFile(name: string, text: string): Promise<ParsedSource> {
  return parseSource(chunks(text), { name, kind: 'file', totalBytes: text.length })
}

async function rejection(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof IngestError) return error
    throw error
  }
  throw new Error('expected the promise to reject')
}

describe('parseSource on hostile files', () => {
  it('reads a 5,000-column export as a table even though its header alone is over 64 KB', async () => {
    const columns = Array.from({ length: 5_000 }, (_, i) => (i === 4_321 ? 'Account ID' : `f${i}`))
    const row = (id: string) => columns.map((_, i) => (i === 4_321 ? id : `value${i}`))
    const text = [columns, row('0012345'), row('0012346'), row('0012347')]
      .map((cells) => cells.join(','))
      .join('\r\n')

    const parsed = await readFile('wide.csv', text)

    expect(parsed.summary.layout).toBe('table')
    expect(parsed.summary.columns).toHaveLength(5_000)
    expect(parsed.summary.idColumn).toBe(4_321)
    expect(parsed.ids.slice()).toEqual(['0012345', '0012346', '0012347'])
  })

  it('still reads a single 2 MB line of comma-separated IDs as a list', async () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => String(1_000_000_000 + i))

    const parsed = await readFile('one-line.csv', ids.join(','))

    expect(parsed.summary.layout).toBe('list')
    expect(parsed.summary.uniqueIds).toBe(200_000)
  })

  it('reads a row with a 10 MB unquoted cell instead of calling it an unclosed quote', async () => {
    const text = `Account ID,Notes\r\n0012345,short\r\n0012346,${'x'.repeat(10_000_000)}\r\n0012347,end\r\n`

    const parsed = await readFile('notes.csv', text)

    expect(parsed.ids.slice()).toEqual(['0012345', '0012346', '0012347'])
  })

  it('says a quote is never closed only when one is open, and a huge unquoted row is too long', async () => {
    const rows = Array.from({ length: 600_000 }, (_, i) => `${10_000_000 + i},Someone`)
    const runaway = `Account ID,Name\r\n0012344,Al\r\n0012345,"Ann\r\n${rows.join('\r\n')}\r\n`
    const oneHugeRow = `Account ID,Notes\r\n0012344,Al\r\n0012345,${'x'.repeat(17_000_000)}\r\n`

    const quote = await rejection(readFile('runaway.csv', runaway))
    const long = await rejection(readFile('huge.csv', oneHugeRow))

    expect(quote.code).toBe('unclosed-quote')
    expect(quote.sentence).toBe(
      'Row 3 of runaway.csv opens a quote (") that is never closed in the next 4,000,000 characters, so the rest of the file cannot be read as CSV. Fix that row and drop the file again.',
    )
    expect(long.code).toBe('row-too-long')
    expect(long.sentence).toBe(
      'Row 3 of huge.csv is longer than 16,000,000 characters, far more than a row of IDs. Check that this is the export you meant to drop.',
    )
  })

  it('reads a header followed by a 5 MB first row as a table, not as a list of values', async () => {
    const text = `Account ID,Notes\r\n0012345,${'x'.repeat(5_000_000)}\r\n0012346,short\r\n`

    const parsed = await readFile('long-first-row.csv', text)

    expect(parsed.summary.layout).toBe('table')
    expect(parsed.ids.slice()).toEqual(['0012345', '0012346'])
  })

  it('warns when rows split by different separators were each read as one ID', async () => {
    const parsed = await readFile(
      'mixed.csv',
      'Account ID,Name\r\n0012345,Ada\r\n0012346;Bo\r\n0012347,Cy\r\n0012348;Di\r\n0012349,Ed\r\n0012350;Flo\r\n',
    )

    expect(parsed.summary.delimiter).toBeNull()
    expect(parsed.summary.warnings).toContain(
      'The rows of mixed.csv do not split into the same columns (it has commas and semicolons in different places), so each whole row was read as one ID. Open it in a spreadsheet, save it as CSV and drop it again.',
    )
  })

  it('does not warn about separators in a plain one-column file', async () => {
    const parsed = await readFile('ids.csv', 'Account ID\r\n0012345\r\n0012346\r\n0012347\r\n')

    expect(parsed.summary.warnings).toEqual([])
  })
})
