import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { zipArchive } from '../e2e/fixtures/zip-archive-builder.ts'
import { distinctId } from './inputs.ts'

// The ticketing export: one row per ticket, 20 columns a marketer filters on (plans,
// sections, renewal status, seats, dates, opt-in) beside near-unique ones (email, ticket ID), as
// CSV and as an .xlsx of the same rows (numbers as number cells, dates as Excel date cells, text
// as shared strings). Each row is computed from its index, so the two files never hold a copy
// of the table. Both are cached in bench/tmp while their version and size match: the 1M-row
// .xlsx takes about a minute to write.
const VERSION = 1
const ROWS_PER_WRITE = 16_384

export const TICKETING_COLUMNS = [
  'Account ID',
  'Plan Type',
  'Section',
  'Row',
  'Seat',
  'Price Level',
  'Seats',
  'Renewal Status',
  'Games Attended',
  'Last Purchase',
  'Email Opt-in',
  'Email',
  'First Name',
  'Last Name',
  'City',
  'Postal Code',
  'Ticket ID',
  'Order Date',
  'Amount',
  'Channel',
] as const

const PLANS = ['Full Season', 'Half Season', 'Flex Plan', 'Mini Plan']
const STATUSES = ['Renewed', 'Lapsed', 'Pending', 'New']
const CHANNELS = ['Web', 'Box Office', 'Phone', 'App', 'Partner']
/** Day number (days since 1970-01-01) of 2025-01-01. */
const FIRST_DAY = 20_089
/** Excel's serial of 1970-01-01. */
const EXCEL_EPOCH = 25_569

/** A well-mixed 32-bit hash of (i, salt), so columns do not move together. */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

type Cell = { text: string; kind: 'text' | 'number' | 'date'; day?: number }

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)

/** Row `i` of an export of `rows` tickets held by 80 % as many accounts. */
function ticketRow(i: number, rows: number): Cell[] {
  const accounts = Math.max(1, Math.ceil(rows * 0.8))
  const account = mix(i, 1) % accounts
  const text = (value: string): Cell => ({ text: value, kind: 'text' })
  const number = (value: number): Cell => ({ text: String(value), kind: 'number' })
  const date = (day: number): Cell => ({ text: isoDay(day), kind: 'date', day })
  return [
    number(Number(distinctId(account))),
    text(PLANS[mix(i, 2) % PLANS.length] as string),
    text(String(101 + (mix(i, 3) % 40))),
    text(String.fromCharCode(65 + (mix(i, 4) % 26))),
    number(1 + (mix(i, 5) % 30)),
    text(`P${1 + (mix(i, 6) % 6)}`),
    number(1 + (mix(i, 7) % 8)),
    text(STATUSES[mix(i, 8) % STATUSES.length] as string),
    number(mix(i, 9) % 42),
    date(FIRST_DAY + (mix(i, 10) % 700)),
    text(mix(i, 11) % 3 === 0 ? 'No' : 'Yes'),
    text(`fan${account}@example.com`),
    text(`First${mix(account, 12) % 997}`),
    text(`Last${mix(account, 13) % 1009}`),
    text(`City ${mix(account, 14) % 60}`),
    text(String(10_000 + (mix(account, 15) % 9_000))),
    text(`T${1_000_000 + i}`),
    date(FIRST_DAY + (mix(i, 16) % 700)),
    number((mix(i, 17) % 20_000) / 100),
    text(CHANNELS[mix(i, 18) % CHANNELS.length] as string),
  ]
}

export interface TicketingFile {
  path: string
  name: string
  rows: number
  bytes: number
}

interface Sidecar {
  version: number
  rows: number
  bytes: number
}

/** The cached file at `path` when its sidecar says it is current, or null. */
function cached(path: string, name: string, rows: number): TicketingFile | null {
  try {
    const known = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Sidecar
    const current =
      known.version === VERSION &&
      known.rows === rows &&
      existsSync(path) &&
      statSync(path).size === known.bytes
    return current ? { path, name, rows, bytes: known.bytes } : null
  } catch {
    return null
  }
}

function remember(path: string, name: string, rows: number): TicketingFile {
  const bytes = statSync(path).size
  writeFileSync(`${path}.json`, JSON.stringify({ version: VERSION, rows, bytes }))
  return { path, name, rows, bytes }
}

/** The export of `rows` tickets as CSV (CRLF, a header row). */
export function ticketingCsv(dir: string, rows: number): TicketingFile {
  const name = `tickets-${rows}x20-v${VERSION}.csv`
  const path = join(dir, name)
  const known = cached(path, name, rows)
  if (known !== null) return known
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, `${TICKETING_COLUMNS.join(',')}\r\n`)
    for (let start = 0; start < rows; start += ROWS_PER_WRITE) {
      const lines: string[] = []
      for (let i = start; i < Math.min(rows, start + ROWS_PER_WRITE); i++) {
        lines.push(
          `${ticketRow(i, rows)
            .map((cell) => cell.text)
            .join(',')}\r\n`,
        )
      }
      writeSync(fd, lines.join(''))
    }
  } finally {
    closeSync(fd)
  }
  return remember(path, name, rows)
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const xmlText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const letters = (index: number) => String.fromCharCode(65 + index)

/**
 * The same export as an .xlsx. The sheet is assembled from Buffer chunks: at 1M rows its XML is
 * larger than the longest string V8 allows.
 */
export function ticketingXlsx(dir: string, rows: number): TicketingFile {
  const name = `tickets-${rows}x20-v${VERSION}.xlsx`
  const path = join(dir, name)
  const known = cached(path, name, rows)
  if (known !== null) return known
  const strings = new Map<string, number>()
  const shared = (value: string) => {
    let index = strings.get(value)
    if (index === undefined) {
      index = strings.size
      strings.set(value, index)
    }
    return index
  }
  const sheet: Buffer[] = [
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`,
    ),
  ]
  const header = TICKETING_COLUMNS.map(
    (column, c) => `<c r="${letters(c)}1" t="s"><v>${shared(column)}</v></c>`,
  )
  sheet.push(Buffer.from(`<row r="1">${header.join('')}</row>`))
  for (let start = 0; start < rows; start += ROWS_PER_WRITE) {
    const parts: string[] = []
    for (let i = start; i < Math.min(rows, start + ROWS_PER_WRITE); i++) {
      const r = i + 2
      const cells = ticketRow(i, rows).map((cell, c) => {
        const ref = `${letters(c)}${r}`
        if (cell.kind === 'number') return `<c r="${ref}"><v>${cell.text}</v></c>`
        if (cell.kind === 'date')
          return `<c r="${ref}" s="1"><v>${(cell.day ?? 0) + EXCEL_EPOCH}</v></c>`
        return `<c r="${ref}" t="s"><v>${shared(cell.text)}</v></c>`
      })
      parts.push(`<row r="${r}">${cells.join('')}</row>`)
    }
    sheet.push(Buffer.from(parts.join('')))
  }
  sheet.push(Buffer.from('</sheetData></worksheet>'))
  const sst: Buffer[] = [
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" uniqueCount="${strings.size}">`,
    ),
  ]
  let batch: string[] = []
  for (const value of strings.keys()) {
    batch.push(`<si><t>${xmlText(value)}</t></si>`)
    if (batch.length === ROWS_PER_WRITE) {
      sst.push(Buffer.from(batch.join('')))
      batch = []
    }
  }
  sst.push(Buffer.from(`${batch.join('')}</sst>`))
  const file = (entryName: string, text: string) => ({ name: entryName, data: Buffer.from(text) })
  writeFileSync(
    path,
    zipArchive(
      [
        file(
          '[Content_Types].xml',
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        ),
        file(
          'xl/workbook.xml',
          `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Tickets" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        file(
          'xl/_rels/workbook.xml.rels',
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
        ),
        // Style 1: Excel's built-in date format 14, as Excel writes a date cell.
        file(
          'xl/styles.xml',
          `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
        ),
        { name: 'xl/sharedStrings.xml', data: Buffer.concat(sst) },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(sheet) },
      ],
      6,
    ),
  )
  return remember(path, name, rows)
}
