// Workbooks for tests, from sheet XML written here by hand and zipped with fflate's writer: none
// of the console's own reading code takes part in making them.
import { strToU8, zipSync, type Zippable } from 'fflate'

/** A cell: text (an inline string), or a number cell `{ n }` with an optional style `s`, or raw XML. */
export type TestCell = string | { n: string; s?: number } | { xml: string } | null

export interface TestSheet {
  name: string
  /** Excel's `state`: hidden sheets are listed but not shown. */
  state?: 'hidden' | 'veryHidden'
  rows: TestCell[][]
}

export interface TestWorkbook {
  sheets: TestSheet[]
  /** Extra number formats by id (164 on), used by `cellXfs` entries in order. */
  numFmts?: Record<number, string>
  /** numFmtId of each cell style; style 0 is General. */
  cellXfs?: number[]
  /** Shared strings, referenced from cells as { xml: '<c t="s"><v>0</v></c>' }. */
  sharedStrings?: string[]
  /** More files, or replacements, by path. */
  extraFiles?: Record<string, Uint8Array | string>
  /** Deflate level; 0 stores. */
  level?: 0 | 1 | 6 | 9
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function letters(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}

function cellXml(cell: TestCell, reference: string): string {
  if (cell === null) return ''
  if (typeof cell === 'string') {
    return `<c r="${reference}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`
  }
  if ('xml' in cell) return cell.xml.replace('<c', `<c r="${reference}"`)
  return `<c r="${reference}"${cell.s === undefined ? '' : ` s="${cell.s}"`}><v>${cell.n}</v></c>`
}

/** The XML of one sheet, rows numbered from 1. */
export function sheetXml(rows: readonly TestCell[][]): string {
  const body = rows
    .map((cells, r) => {
      const inner = cells.map((cell, c) => cellXml(cell, `${letters(c)}${r + 1}`)).join('')
      return `<row r="${r + 1}">${inner}</row>`
    })
    .join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`
}

/**
 * An .xlsx as bytes.
 * e.g. buildXlsx({ sheets: [{ name: 'Fans', rows: [['Account ID'], [{ n: '123456789012' }]] }] })
 */
export function buildXlsx(workbook: TestWorkbook): Uint8Array<ArrayBuffer> {
  const { sheets } = workbook
  const files: Record<string, Uint8Array | string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map(
        (sheet, i) =>
          `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts>${Object.entries(
      workbook.numFmts ?? {},
    )
      .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
      .join('')}</numFmts><cellXfs>${[0, ...(workbook.cellXfs ?? [])]
      .map((id) => `<xf numFmtId="${id}"/>`)
      .join('')}</cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${(
      workbook.sharedStrings ?? []
    )
      .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
      .join('')}</sst>`,
  }
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(sheet.rows)
  })
  Object.assign(files, workbook.extraFiles ?? {})
  const zippable: Zippable = {}
  for (const [path, content] of Object.entries(files)) {
    zippable[path] = typeof content === 'string' ? strToU8(content) : content
  }
  return new Uint8Array(zipSync(zippable, { level: workbook.level ?? 6 }))
}
