import { describe, expect, it } from 'vitest'
import { byteChunks, rejection, utf8 } from '../../../lib/testing/ingest-inputs'
import { readPropertyTable, type PropertyTable } from './read-property-table'

function readBytes(bytes: Uint8Array, chunkSize = 64 * 1024): Promise<PropertyTable> {
  return readPropertyTable(byteChunks(bytes, chunkSize), {
    name: 'props.csv',
    totalBytes: bytes.length,
  })
}

describe('readPropertyTable', () => {
  it('reads the header, the rows and the ID column named by the header', async () => {
    const table = await readBytes(
      utf8('membership_tier,Account ID,favourite_team\r\nGold,0012,Reds\r\nSilver,0034,\r\n'),
    )

    expect(table).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      columns: ['membership_tier', 'Account ID', 'favourite_team'],
      rows: [
        ['Gold', '0012', 'Reds'],
        ['Silver', '0034', ''],
      ],
      suggestedIdColumn: 1,
      idColumnGuessed: false,
      warnings: [],
    })
  })

  it('keeps quoted commas, quotes and line breaks inside a value, across tiny chunks', async () => {
    const text = 'user_id;note;tier\n1;"Smith; John ""JJ""";Gold\n2;"two\nlines";Silver\n'
    const table = await readBytes(utf8(text), 3)

    expect(table.delimiter).toBe(';')
    expect(table.rows).toEqual([
      ['1', 'Smith; John "JJ"', 'Gold'],
      ['2', 'two\nlines', 'Silver'],
    ])
  })

  it('decodes UTF-16 with a BOM and Windows-1252 from Excel, and says so for the latter', async () => {
    const text = 'user_id\tcity\n7\tMünchen\n'
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
    ])
    expect((await readBytes(utf16)).rows).toEqual([['7', 'München']])

    const latin = Uint8Array.from([...'user_id,city\n7,M\u00fcnchen\n'].map((c) => c.charCodeAt(0)))
    const table = await readBytes(latin)
    expect(table.encoding).toBe('windows-1252')
    expect(table.rows).toEqual([['7', 'München']])
    expect(table.warnings[0]).toContain('read as Windows-1252')
  })

  it('drops blank lines and a BOM in a string, and names a header that looks like data', async () => {
    const table = await readPropertyTable('\uFEFF123,456\n\n789,012\n   \n', { name: 'nums.csv' })

    expect(table.columns).toEqual(['123', '456'])
    expect(table.rows).toEqual([['789', '012']])
    expect(table.idColumnGuessed).toBe(true)
    expect(table.warnings).toEqual([
      'The first row of nums.csv looks like data, not column names. It was read as the header row, because the header names the properties: check that the file starts with one.',
    ])
  })

  it('cuts rows longer than the header and says how many', async () => {
    const table = await readPropertyTable('id,tier\n1,Gold,extra\n2,Silver\n3,Bronze,,\n', {
      name: 'r.csv',
    })

    expect(table.rows).toEqual([
      ['1', 'Gold'],
      ['2', 'Silver'],
      ['3', 'Bronze'],
    ])
    expect(table.warnings).toContain(
      '1 row has more cells than the header row names (first: row 2); the extra cells were left out.',
    )
  })

  it('reads 200,000 rows streamed in 64 KB chunks', async () => {
    const lines = ['user_id,tier,team,seat']
    for (let i = 0; i < 200_000; i += 1)
      lines.push(`${100000 + i},T${i % 4},Team ${i % 9},S${i % 7}`)
    const table = await readBytes(utf8(`${lines.join('\r\n')}\r\n`))

    expect(table.rows).toHaveLength(200_000)
    expect(table.rows[199_999]).toEqual(['299999', 'T3', `Team ${199_999 % 9}`, `S${199_999 % 7}`])
  })

  it('refuses a one-column file, an empty file and a workbook with a sentence', async () => {
    expect(
      (await rejection(readPropertyTable('user_id\n1\n2\n', { name: 'ids.csv' }))).sentence,
    ).toBe(
      'ids.csv has only one column. A properties CSV needs a header row, a column of user IDs and at least one column of values, separated by commas, semicolons or tabs.',
    )
    expect((await rejection(readBytes(new Uint8Array()))).code).toBe('empty-file')
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...utf8('xl/workbook.xml')])
    expect((await rejection(readBytes(xlsx))).code).toBe('excel-workbook')
  })

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(
      readPropertyTable('id,tier\n1,Gold\n', { name: 'a.csv', signal: controller.signal }),
    )
    expect(error.code).toBe('cancelled')
  })
})
