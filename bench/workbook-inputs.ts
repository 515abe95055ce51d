import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipArchive } from '../e2e/fixtures/zip-archive-builder.ts'
import { distinctId, idsFile, propertiesFile, type IdsFile, type PropertiesFile } from './inputs.ts'

// Workbooks holding the same rows as the CSV inputs, written here with Node's zlib and sheet XML
// spelled out by hand (as Excel lays it out: numbers as number cells, text as shared strings),
// so the console's reader is measured on files it did not make.
const VERSION = 1

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const xmlText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const column = (index: number) => String.fromCharCode(65 + index)

/** Writes rows (numbers where `isNumber`, shared strings otherwise) as a one-sheet .xlsx. */
function writeXlsx(
  path: string,
  rows: Iterable<string[]>,
  isNumber: (row: number, col: number) => boolean,
): void {
  const strings = new Map<string, number>()
  const sheet: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`,
  ]
  let r = 0
  for (const cells of rows) {
    r++
    const row = cells.map((value, c) => {
      const ref = `${column(c)}${r}`
      if (value === '') return ''
      if (isNumber(r, c)) return `<c r="${ref}"><v>${value}</v></c>`
      let index = strings.get(value)
      if (index === undefined) {
        index = strings.size
        strings.set(value, index)
      }
      return `<c r="${ref}" t="s"><v>${index}</v></c>`
    })
    sheet.push(`<row r="${r}">${row.join('')}</row>`)
  }
  sheet.push('</sheetData></worksheet>')
  const sst = [
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" uniqueCount="${strings.size}">`,
  ]
  for (const value of strings.keys()) sst.push(`<si><t>${xmlText(value)}</t></si>`)
  sst.push('</sst>')
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  writeFileSync(
    path,
    zipArchive(
      [
        {
          name: '[Content_Types].xml',
          data: Buffer.from(
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
          ),
        },
        {
          name: 'xl/workbook.xml',
          data: Buffer.from(
            `<workbook xmlns="${MAIN}" xmlns:r="${rel}"><sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>`,
          ),
        },
        {
          name: 'xl/_rels/workbook.xml.rels',
          data: Buffer.from(
            `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
          ),
        },
        { name: 'xl/sharedStrings.xml', data: Buffer.from(sst.join('')) },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet.join('')) },
      ],
      6,
    ),
  )
}

function* csvRows(path: string): Generator<string[]> {
  const text = readFileSync(path, 'utf8')
  for (const line of text.split('\r\n')) {
    if (line === '') continue
    const cells: string[] = []
    for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      const cell = match[1] ?? ''
      cells.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell)
      if (match[2] === '') break
    }
    yield cells
  }
}

function fresh(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0
}

/** The ID file of `rows` IDs as a CSV and as an .xlsx of the same rows (IDs as number cells). */
export function idsWorkbook(dir: string, rows: number): { csv: IdsFile; xlsx: IdsFile } {
  const csv = idsFile(dir, rows)
  const name = `ids-${rows}-v${VERSION}.xlsx`
  const path = join(dir, name)
  if (!fresh(path)) writeXlsx(path, csvRows(csv.path), (row) => row > 1)
  return { csv, xlsx: { ...csv, path, name, bytes: statSync(path).size } }
}

/** A 10-column export (an ID and nine text columns), as CSV and .xlsx of the same rows. */
export function wideWorkbook(dir: string, rows: number): { csv: IdsFile; xlsx: IdsFile } {
  const base = `wide-${rows}-v${VERSION}`
  const csvPath = join(dir, `${base}.csv`)
  const header = [
    'Account ID',
    'First name',
    'Last name',
    'Email',
    'City',
    'Tier',
    'Section',
    'Row',
    'Seat',
    'Team',
  ]
  const data = function* () {
    yield header
    for (let i = 0; i < rows; i++) {
      yield [
        distinctId(i),
        `First${i % 997}`,
        `Last${i % 1009}`,
        `fan${i}@example.com`,
        `City ${i % 50}`,
        ['Gold', 'Silver', 'Bronze'][i % 3] as string,
        `S${i % 24}`,
        String(i % 40),
        String(i % 30),
        `Team ${i % 12}`,
      ]
    }
  }
  if (!fresh(csvPath))
    writeFileSync(csvPath, [...data()].map((cells) => cells.join(',')).join('\r\n') + '\r\n')
  const xlsxPath = join(dir, `${base}.xlsx`)
  if (!fresh(xlsxPath))
    writeXlsx(xlsxPath, data(), (row, col) => row > 1 && (col === 0 || col === 7 || col === 8))
  const file = (path: string, name: string): IdsFile => ({
    path,
    name,
    rows,
    uniqueIds: rows,
    bytes: statSync(path).size,
  })
  return { csv: file(csvPath, `${base}.csv`), xlsx: file(xlsxPath, `${base}.xlsx`) }
}

/** The properties CSV of `rows` rows and an .xlsx of the same rows (Account ID as text, as exported). */
export function propertiesWorkbook(
  dir: string,
  rows: number,
): { csv: PropertiesFile; xlsx: PropertiesFile } {
  const csv = propertiesFile(dir, rows)
  const name = `properties-${rows}-v${VERSION}.xlsx`
  const path = join(dir, name)
  if (!fresh(path)) writeXlsx(path, csvRows(csv.path), () => false)
  return { csv, xlsx: { ...csv, path, name, bytes: statSync(path).size } }
}
