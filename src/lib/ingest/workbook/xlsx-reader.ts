// Excel's Office Open XML workbooks (.xlsx, .xlsm): the workbook part for the sheets, the styles
// for the formats that turn numbers into dates or pad them with zeros, the shared strings, and
// then one sheet streamed row by row. Macros (.xlsm's vbaProject.bin) are never read.
import { Pacer } from '../pacer'
import { emptyCell, excelSerialDate, excelSerialTime, type Cell } from './cell'
import { builtInFormat, formatCodeMeaning, type FormatMeaning } from './number-format'
import { SharedStrings } from './shared-strings'
import {
  MAX_COLUMNS,
  type ReadSheetOptions,
  type RowSink,
  type SheetInfo,
  type Workbook,
} from './workbook-types'
import { scanXmlPart, TextCollector } from './xml-part'
import type { XmlAttributes, XmlHandler } from './xml-scanner'
import type { ZipEntry } from './zip-archive'

/** A part the workbook needs is missing, or says something no workbook says. */
export class WorkbookStructureError extends Error {
  override readonly name = 'WorkbookStructureError'
}

interface SheetPart extends SheetInfo {
  path: string
}

/** e.g. resolvePath('xl/workbook.xml', 'worksheets/sheet1.xml') → "xl/worksheets/sheet1.xml"; '/xl/a.xml' → "xl/a.xml" */
export function resolvePartPath(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1)
  const parts = from.split('/').slice(0, -1)
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop()
    else if (segment !== '.' && segment !== '') parts.push(segment)
  }
  return parts.join('/')
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

/** Relationship id → target path, from a .rels part. */
async function readRelationships(
  blob: Blob,
  entries: ReadonlyMap<string, ZipEntry>,
  part: string,
  pacer: Pacer,
): Promise<Map<string, { target: string; type: string }>> {
  const rels = new Map<string, { target: string; type: string }>()
  const entry = entries.get(relsPathOf(part))
  if (entry === undefined) return rels
  await scanXmlPart(
    blob,
    entry,
    {
      open(name, attributes) {
        if (name !== 'Relationship') return
        const id = attributes.get('Id')
        const target = attributes.get('Target')
        if (id === undefined || target === undefined || attributes.get('TargetMode') === 'External')
          return
        rels.set(id, { target: resolvePartPath(part, target), type: attributes.get('Type') ?? '' })
      },
      close() {},
      text() {},
    },
    { pacer },
  )
  return rels
}

/** The workbook part's path, from the package relationships (xl/workbook.xml when they are missing). */
async function workbookPartPath(
  blob: Blob,
  entries: ReadonlyMap<string, ZipEntry>,
  pacer: Pacer,
): Promise<string> {
  const rels = await readRelationships(blob, entries, '', pacer)
  for (const { target, type } of rels.values()) {
    if (type.endsWith('/officeDocument') && entries.has(target)) return target
  }
  return 'xl/workbook.xml'
}

interface WorkbookPart {
  sheets: SheetPart[]
  date1904: boolean
  stylesPath: string | null
  sharedStringsPath: string | null
}

async function readWorkbookPart(
  blob: Blob,
  entries: ReadonlyMap<string, ZipEntry>,
  pacer: Pacer,
): Promise<WorkbookPart> {
  const path = await workbookPartPath(blob, entries, pacer)
  const entry = entries.get(path)
  if (entry === undefined) throw new WorkbookStructureError(`no ${path}`)
  const rels = await readRelationships(blob, entries, path, pacer)
  const listed: { name: string; hidden: boolean; rid: string | undefined }[] = []
  let date1904 = false
  await scanXmlPart(
    blob,
    entry,
    {
      open(name, attributes) {
        if (name === 'workbookPr') {
          const value = attributes.get('date1904')
          date1904 = value === '1' || value === 'true'
        } else if (name === 'sheet') {
          const state = attributes.get('state')
          listed.push({
            name: attributes.get('name') ?? `Sheet${listed.length + 1}`,
            hidden: state === 'hidden' || state === 'veryHidden',
            rid: attributes.get('id'),
          })
        }
      },
      close() {},
      text() {},
    },
    { pacer },
  )
  const byType = (suffix: string) => {
    for (const { target, type } of rels.values()) {
      if (type.endsWith(suffix) && entries.has(target)) return target
    }
    const guess = resolvePartPath(path, suffix.slice(1) + '.xml')
    return entries.has(guess) ? guess : null
  }
  const sheets = listed.map((sheet, index) => {
    const target = sheet.rid === undefined ? undefined : rels.get(sheet.rid)?.target
    // Without relationships, the sheets are where Excel puts them.
    const sheetPath = target ?? resolvePartPath(path, `worksheets/sheet${index + 1}.xml`)
    return { name: sheet.name, hidden: sheet.hidden, path: sheetPath }
  })
  return {
    sheets,
    date1904,
    stylesPath: byType('/styles'),
    sharedStringsPath: byType('/sharedStrings'),
  }
}

/** The format meaning of each cell style (the `s` of a cell), from styles.xml. */
async function readStyles(
  blob: Blob,
  entry: ZipEntry | undefined,
  pacer: Pacer,
): Promise<FormatMeaning[]> {
  if (entry === undefined) return []
  const codes = new Map<number, string>()
  const formatIds: number[] = []
  let inCellXfs = false
  await scanXmlPart(
    blob,
    entry,
    {
      open(name, attributes, selfClosing) {
        if (name === 'numFmt') {
          codes.set(Number(attributes.get('numFmtId')), attributes.get('formatCode') ?? '')
        } else if (name === 'cellXfs') {
          inCellXfs = !selfClosing
        } else if (name === 'xf' && inCellXfs) {
          formatIds.push(Number(attributes.get('numFmtId') ?? 0))
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false
      },
      text() {},
    },
    { pacer },
  )
  return formatIds.map((id) => {
    const code = codes.get(id)
    return code === undefined
      ? (builtInFormat(id) ?? { kind: 'number', padWidth: 0 })
      : formatCodeMeaning(code)
  })
}

/** Excel writes characters XML cannot hold as _xHHHH_ (ECMA-376 22.9.2.19 ST_Xstring). */
function decodeXstring(text: string): string {
  if (text.indexOf('_x') === -1) return text
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
}

/** The text of `<si>` / `<is>` items: runs joined, phonetic guides (`<rPh>`) left out. */
class StringItemReader {
  private readonly text = new TextCollector()
  private inPhonetic = false

  open(name: string): void {
    if (name === 'rPh') this.inPhonetic = true
    else if (name === 't' && !this.inPhonetic) this.text.start()
  }

  close(name: string): void {
    if (name === 'rPh') this.inPhonetic = false
    else if (name === 't') this.text.collecting = false
  }

  add(text: string): void {
    this.text.add(text)
  }

  take(): string {
    return decodeXstring(this.text.take())
  }
}

async function readSharedStrings(
  blob: Blob,
  entry: ZipEntry | undefined,
  pacer: Pacer,
  onCompressedBytes: (count: number) => void,
): Promise<SharedStrings> {
  const strings = new SharedStrings()
  if (entry === undefined) return strings
  const item = new StringItemReader()
  await scanXmlPart(
    blob,
    entry,
    {
      open(name, _attributes, selfClosing) {
        if (name === 'si' && selfClosing) strings.add('')
        else item.open(name)
      },
      close(name) {
        if (name === 'si') strings.add(item.take())
        else item.close(name)
      },
      text(text) {
        item.add(text)
      },
    },
    { pacer, onCompressedBytes },
  )
  return strings
}

/** The column of a cell reference, e.g. "AB12" → 27; -1 when it has no letters. */
function referenceColumn(reference: string): number {
  let index = 0
  let i = 0
  for (; i < reference.length && i < 3; i++) {
    const c = reference.charCodeAt(i)
    if (c < 65 || c > 90) break
    index = index * 26 + (c - 64)
  }
  return i === 0 ? -1 : index - 1
}

/** The reading of one `<sheetData>`: cells into the row, rows to the sink. */
class SheetHandler implements XmlHandler {
  stopped = false
  private readonly cells: Cell[] = []
  private width = 0
  private rowNumber = 0
  private inRow = false
  private column = -1
  private type = 'n'
  private style = 0
  private readonly value = new TextCollector()
  private readonly inline = new StringItemReader()
  private inInline = false
  private hasValue = false
  private readonly sink: RowSink
  private readonly strings: SharedStrings
  private readonly formats: readonly FormatMeaning[]
  private readonly date1904: boolean

  constructor(
    sink: RowSink,
    strings: SharedStrings,
    formats: readonly FormatMeaning[],
    date1904: boolean,
  ) {
    this.sink = sink
    this.strings = strings
    this.formats = formats
    this.date1904 = date1904
  }

  open(name: string, attributes: XmlAttributes, selfClosing: boolean): 'row' | undefined {
    switch (name) {
      case 'row': {
        const r = Number(attributes.get('r'))
        this.rowNumber = Number.isInteger(r) && r > this.rowNumber ? r : this.rowNumber + 1
        this.width = 0
        this.column = -1
        this.inRow = true
        if (selfClosing) this.endRow()
        return
      }
      case 'c': {
        if (!this.inRow) return
        const reference = attributes.get('r')
        const column = reference === undefined ? -1 : referenceColumn(reference)
        this.column = column === -1 ? this.column + 1 : column
        // A row's cells come in column order, so none after this one is wanted either.
        if (this.column >= this.sink.columnLimit) return 'row'
        this.type = attributes.get('t') ?? 'n'
        this.style = Number(attributes.get('s') ?? 0)
        this.hasValue = false
        if (selfClosing) this.endCell()
        return
      }
      case 'v':
        if (!selfClosing) this.value.start()
        return
      case 'is':
        this.inInline = !selfClosing
        this.hasValue = true
        return
      default:
        if (this.inInline) this.inline.open(name)
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.value.collecting = false
        this.hasValue = true
        return
      case 'is':
        this.inInline = false
        return
      case 'c':
        this.endCell()
        return
      case 'row':
        this.endRow()
        return
      default:
        if (this.inInline) this.inline.close(name)
    }
  }

  text(text: string): void {
    if (this.value.collecting) this.value.add(text)
    else if (this.inInline) this.inline.add(text)
  }

  private endCell(): void {
    const column = this.column
    const raw = this.value.take()
    const inline = this.inline.take()
    if (!this.hasValue || column < 0 || column >= MAX_COLUMNS || column >= this.sink.columnLimit)
      return
    const cells = this.cells
    while (cells.length <= column) cells.push(emptyCell())
    for (let i = this.width; i < column; i++) (cells[i] as Cell).kind = 'empty'
    const cell = cells[column] as Cell
    this.width = Math.max(this.width, column + 1)
    this.fill(cell, raw, inline)
  }

  private fill(cell: Cell, raw: string, inline: string): void {
    cell.padWidth = 0
    cell.number = 0
    switch (this.type) {
      case 's':
        cell.kind = 'text'
        cell.text = this.strings.get(Number(raw))
        return
      case 'inlineStr':
        cell.kind = 'text'
        cell.text = inline
        return
      case 'str':
        cell.kind = 'text'
        cell.text = decodeXstring(raw)
        return
      case 'b':
        cell.kind = 'boolean'
        cell.number = raw === '1' || raw === 'true' ? 1 : 0
        return
      case 'e':
        cell.kind = 'error'
        cell.text = raw
        return
      case 'd':
        cell.kind = 'date'
        cell.text = raw.length >= 10 && raw[4] === '-' ? raw.slice(0, 10) : raw
        return
    }
    const value = Number(raw)
    if (raw.trim() === '' || !Number.isFinite(value)) {
      cell.kind = 'empty'
      return
    }
    const format = this.formats[this.style]
    if (format?.kind === 'date' || format?.kind === 'time') {
      cell.kind = 'date'
      cell.text =
        format.kind === 'date' ? excelSerialDate(value, this.date1904) : excelSerialTime(value)
      return
    }
    cell.kind = 'number'
    cell.number = value
    cell.padWidth = format?.padWidth ?? 0
  }

  private endRow(): void {
    if (!this.inRow) return
    this.inRow = false
    // Rows Excel keeps only for their formatting hold no cell with a value: not worth a call.
    let width = this.width
    while (width > 0 && (this.cells[width - 1] as Cell).kind === 'empty') width--
    if (width === 0 || this.stopped) return
    if (!this.sink.row(this.rowNumber, this.cells, width)) this.stopped = true
  }
}

/**
 * Opens an .xlsx or .xlsm archive whose directory is `entries`: reads its sheet list at once,
 * and each sheet on demand (styles and shared strings first, the same for every sheet).
 * e.g. (await openXlsx(blob, entries, 'xlsx')).sheets → [{ name: 'Fans', hidden: false }, …]
 */
export async function openXlsx(
  blob: Blob,
  entries: ReadonlyMap<string, ZipEntry>,
  format: 'xlsx' | 'xlsm',
  signal?: AbortSignal,
  name = 'the workbook',
): Promise<Workbook> {
  const part = await readWorkbookPart(blob, entries, new Pacer(signal, name))
  let shared: { formats: FormatMeaning[]; strings: SharedStrings } | null = null

  const readSheet = async (index: number, sink: RowSink, options: ReadSheetOptions = {}) => {
    const sheet = part.sheets[index]
    if (sheet === undefined) throw new WorkbookStructureError(`no sheet ${index + 1}`)
    const pacer = new Pacer(options.signal, name)
    const sheetEntry = entries.get(sheet.path)
    const stringsEntry =
      part.sharedStringsPath === null ? undefined : entries.get(part.sharedStringsPath)
    const total =
      (sheetEntry?.compressedSize ?? 0) +
      (shared === null ? (stringsEntry?.compressedSize ?? 0) : 0)
    let done = 0
    const onCompressedBytes = (count: number) => {
      done += count
      options.onProgress?.(total === 0 ? 1 : Math.min(1, done / total))
    }
    if (shared === null) {
      const stylesEntry = part.stylesPath === null ? undefined : entries.get(part.stylesPath)
      const formats = await readStyles(blob, stylesEntry, pacer)
      const strings = await readSharedStrings(blob, stringsEntry, pacer, onCompressedBytes)
      shared = { formats, strings }
    }
    // A sheet listed but not stored is a sheet with nothing in it.
    if (sheetEntry === undefined) return
    const handler = new SheetHandler(sink, shared.strings, shared.formats, part.date1904)
    await scanXmlPart(blob, sheetEntry, handler, {
      pacer,
      onCompressedBytes,
      stopped: () => handler.stopped,
    })
  }

  return {
    format,
    sheets: part.sheets.map(({ name: sheetName, hidden }) => ({ name: sheetName, hidden })),
    readSheet,
  }
}
