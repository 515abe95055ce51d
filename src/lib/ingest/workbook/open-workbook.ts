// Which workbook a file is, by its content alone, and every way opening or reading one can fail,
// each as a sentence the source card shows.
import { cancelledError, IngestError, isIngestError } from '../ingest-error'
import { Pacer } from '../pacer'
import { openWithSheetJs, PASSWORD_MESSAGE } from './sheetjs-reader'
import type { Workbook } from './workbook-types'
import { openXlsx, WorkbookStructureError } from './xlsx-reader'
import { scanXmlPart } from './xml-part'
import { XmlScanError } from './xml-scanner'
import {
  INFLATE_LIMITS,
  readZipDirectory,
  readZipEntry,
  ZipError,
  type ZipEntry,
} from './zip-archive'

/** What the first bytes say: a zip (.xlsx, .xlsm, .ods, or another zip) or a compound file (.xls). */
export type ContainerKind = 'zip' | 'compound'

const ZIP = [0x50, 0x4b]
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

/**
 * An .xls (and a password-protected .xlsx, which Excel wraps the same way) is read whole by
 * SheetJS; past this size it is not an export of user IDs.
 */
export const MAX_WHOLE_WORKBOOK_BYTES = 256 * 1024 * 1024

/**
 * The container the bytes start with, or null for anything else (text, above all).
 * e.g. containerKind(bytesOf('PK\x03\x04…')) → 'zip'; containerKind(bytesOf('id\n1\n')) → null
 */
export function containerKind(head: Uint8Array): ContainerKind | null {
  const starts = (signature: readonly number[]) => signature.every((byte, i) => head[i] === byte)
  if (
    starts(ZIP) &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  ) {
    return 'zip'
  }
  return starts(COMPOUND) ? 'compound' : null
}

/** The container of a Blob from its first 8 bytes. */
export async function blobContainerKind(blob: Blob): Promise<ContainerKind | null> {
  return containerKind(new Uint8Array(await blob.slice(0, 8).arrayBuffer()))
}

const AS_CSV = 'or save a copy as CSV UTF-8, then drop that file here'

/** The sentences, one per way a workbook fails. */
export const workbookSentences = {
  password: (name: string) =>
    `${name} is protected by a password, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook), ${AS_CSV}.`,
  xlsb: (name: string) =>
    `${name} is an Excel binary workbook (.xlsb), which the console does not read. In Excel choose File › Save As › Excel Workbook (.xlsx), ${AS_CSV}.`,
  damaged: (name: string) =>
    `${name} is an incomplete or damaged workbook (part of it is missing, as when a download is cut short). Download or save it again, then drop it here.`,
  bomb: (name: string) =>
    `${name} holds a part that inflates to far more data than a workbook holds (over ${INFLATE_LIMITS.ratio} times its compressed size), so it was not read. Open it in Excel and save it again, ${AS_CSV}.`,
  doctype: (name: string) =>
    `${name} contains XML that spreadsheet programs never write (a document type that defines entities), so it was not read. Open it in Excel and save it again, ${AS_CSV}.`,
  tooLong: (name: string) =>
    `${name} has a cell or tag far longer than Excel allows, so it was not read. Open it in Excel and save it again, ${AS_CSV}.`,
  tooLarge: (name: string) =>
    `${name} is larger than ${MAX_WHOLE_WORKBOOK_BYTES / 1024 / 1024} MB, more than an .xls workbook of user IDs holds. In Excel choose File › Save As › Excel Workbook (.xlsx), ${AS_CSV}.`,
  notSpreadsheet: (name: string) =>
    `${name} is a compressed (ZIP) file, not a CSV file. Unzip it first, then drop the CSV file inside.`,
  noData: (name: string) => `${name} has no data: every sheet in it is empty.`,
} as const

/**
 * Turns a reader's failure into the IngestError the card shows (an IngestError passes through).
 * e.g. workbookError(new ZipError('truncated', '…'), 'fans.xlsx').code → 'damaged-workbook'
 */
export function workbookError(error: unknown, name: string): IngestError {
  if (isIngestError(error)) return error
  if (error instanceof ZipError) {
    if (error.reason === 'bomb')
      return new IngestError('workbook-bomb', workbookSentences.bomb(name))
    if (error.reason === 'encrypted') {
      return new IngestError('password-protected', workbookSentences.password(name))
    }
    return new IngestError('damaged-workbook', workbookSentences.damaged(name))
  }
  if (error instanceof XmlScanError) {
    if (error.reason === 'doctype' || error.reason === 'entity') {
      return new IngestError('unsafe-workbook', workbookSentences.doctype(name))
    }
    if (error.reason === 'too-large')
      return new IngestError('damaged-workbook', workbookSentences.tooLong(name))
    return new IngestError('damaged-workbook', workbookSentences.damaged(name))
  }
  if (error instanceof WorkbookStructureError) {
    return new IngestError('damaged-workbook', workbookSentences.damaged(name))
  }
  if (error instanceof Error && PASSWORD_MESSAGE.test(error.message)) {
    return new IngestError('password-protected', workbookSentences.password(name))
  }
  return new IngestError('damaged-workbook', workbookSentences.damaged(name))
}

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet'

async function entryText(blob: Blob, entry: ZipEntry): Promise<string> {
  const decoder = new TextDecoder()
  let text = ''
  for await (const bytes of readZipEntry(blob, entry)) {
    text += decoder.decode(bytes, { stream: true })
    if (text.length > 4096) break
  }
  return text
}

/**
 * Reads an .ods's content.xml once with our own reader (bomb limits, no document types) before
 * SheetJS, which inflates it whole, gets the file.
 */
async function checkOpenDocument(
  blob: Blob,
  entries: ReadonlyMap<string, ZipEntry>,
  pacer: Pacer,
): Promise<void> {
  const manifest = entries.get('META-INF/manifest.xml')
  if (manifest !== undefined) {
    let encrypted = false
    await scanXmlPart(
      blob,
      manifest,
      {
        open(name) {
          if (name === 'encryption-data') encrypted = true
        },
        close() {},
        text() {},
      },
      { pacer },
    )
    if (encrypted) throw new ZipError('encrypted', 'manifest lists encrypted parts')
  }
  for (const part of ['content.xml', 'styles.xml']) {
    const entry = entries.get(part)
    if (entry === undefined) continue
    await scanXmlPart(blob, entry, { open() {}, close() {}, text() {} }, { pacer })
  }
}

async function openZipWorkbook(blob: Blob, name: string, pacer: Pacer): Promise<Workbook> {
  const entries = await readZipDirectory(blob)
  if (entries.has('xl/workbook.bin')) {
    throw new IngestError('unsupported-workbook', workbookSentences.xlsb(name))
  }
  const mimetype = entries.get('mimetype')
  const isOds =
    mimetype !== undefined ? (await entryText(blob, mimetype)).trim() === ODS_MIMETYPE : false
  if (isOds) {
    await checkOpenDocument(blob, entries, pacer)
    return openWithSheetJs(new Uint8Array(await blob.arrayBuffer()), 'ods')
  }
  const isXlsx = [...entries.keys()].some(
    (entry) => entry === 'xl/workbook.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(entry),
  )
  if (!isXlsx) throw new IngestError('zip-archive', workbookSentences.notSpreadsheet(name))
  const format = entries.has('xl/vbaProject.bin') ? 'xlsm' : 'xlsx'
  return openXlsx(blob, entries, format, pacer.signal, name)
}

/**
 * Opens a workbook the first bytes of which are `kind`; every failure is an IngestError with
 * the card's sentence, a cancel included.
 * e.g. await openWorkbook(file, 'zip', 'fans.xlsx') → { format: 'xlsx', sheets: [{ name: 'Fans', hidden: false }], readSheet }
 */
export async function openWorkbook(
  blob: Blob,
  kind: ContainerKind,
  name: string,
  signal?: AbortSignal,
): Promise<Workbook> {
  const pacer = new Pacer(signal, name)
  try {
    if (kind === 'zip') return await openZipWorkbook(blob, name, pacer)
    if (blob.size > MAX_WHOLE_WORKBOOK_BYTES) {
      throw new IngestError('too-large', workbookSentences.tooLarge(name))
    }
    const bytes = new Uint8Array(await blob.arrayBuffer())
    pacer.check()
    return await openWithSheetJs(bytes, 'xls')
  } catch (error) {
    if (signal?.aborted) throw cancelledError(name)
    throw workbookError(error, name)
  }
}
