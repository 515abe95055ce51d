import { describe, expect, it } from 'vitest'
import { measureBareParse } from './bare-parse'

function csvFile(name: string, text: string): File {
  return new File([text], name, { type: 'text/csv' })
}

describe('measureBareParse', () => {
  it('counts every row of a file read in many batches, rows with quoted line breaks included', async () => {
    const rows = 16_000
    // After the sniffed first lines, each row is mostly one quoted cell holding a line break, so
    // the batch boundaries fall inside quotes: a row carried wrongly from one batch to the next
    // starts the next batch inside quotes, and the count goes wrong.
    const note = (i: number) =>
      i < 100 ? `"note ${i}"` : `"${'x'.repeat(100)}\r\n${'y'.repeat(100)} ${i}"`
    const body = Array.from({ length: rows }, (_, i) => `${note(i)};${i}`).join('\r\n')
    const text = `${body}\r\n`
    // Built from 64 KB parts so Node streams it in 64 KB chunks, as browsers do (one part
    // would arrive as one chunk).
    const parts = Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) =>
      text.slice(i * 65_536, (i + 1) * 65_536),
    )
    const file = new File(parts, 'notes.csv', { type: 'text/csv' })
    expect(file.size).toBeGreaterThan(3 * 1024 * 1024)
    const figures = await measureBareParse(file)
    expect(figures).toMatchObject({ rows, delimiter: ';' })
    expect(figures.durationMs).toBeGreaterThan(0)
  })

  it('uses the delimiter addFile would sniff', async () => {
    const table = csvFile('renewals.csv', 'Name;Account ID\r\n"Smith; Ann";0012\r\nBo;0034\r\n')
    expect(await measureBareParse(table)).toMatchObject({
      rows: 3,
      delimiter: ';',
    })
    const list = csvFile('ids.csv', 'user_id\n1,23457E+11\n0012\n0012')
    expect(await measureBareParse(list)).toMatchObject({
      rows: 4,
      delimiter: null,
    })
  })
})
