import { HeapTextDecoder } from './heap-text-decoder'
import { IngestError } from './ingest-error'
import type { TextEncodingName } from './types'

/** Bytes looked at before deciding the encoding and the file's shape. */
export const SAMPLE_BYTES = 64 * 1024

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false
  return signature.every((byte, i) => bytes[at + i] === byte)
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const limit = Math.min(bytes.length, 4096)
  outer: for (let i = 0; i + text.length <= limit; i++) {
    for (let j = 0; j < text.length; j++) {
      if (bytes[i + j] !== text.charCodeAt(j)) continue outer
    }
    return true
  }
  return false
}

const EXCEL_EXTENSION = /\.(xlsx|xlsm|xlsb|xls)$/i

/**
 * Throws an IngestError with an actionable sentence when the first bytes are not text.
 * e.g. assertTextContent(bytesOf('PK\x03\x04…'), 'report.xlsx') → throws "report.xlsx is an Excel workbook, …"
 */
export function assertTextContent(sample: Uint8Array, name: string): void {
  const saveAsCsv = 'In Excel choose File › Save As › CSV UTF-8, then drop the CSV here.'
  if (
    startsWith(sample, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(sample, [0x50, 0x4b, 0x05, 0x06])
  ) {
    if (EXCEL_EXTENSION.test(name) || containsAscii(sample, 'xl/')) {
      throw new IngestError(
        'excel-workbook',
        `${name} is an Excel workbook, not a CSV file. ${saveAsCsv}`,
      )
    }
    throw new IngestError(
      'zip-archive',
      `${name} is a compressed (ZIP) file, not a CSV file. Unzip it first, then drop the CSV file inside.`,
    )
  }
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new IngestError(
      'excel-workbook',
      `${name} is an Excel workbook (older .xls format), not a CSV file. ${saveAsCsv}`,
    )
  }
  if (startsWith(sample, [0x25, 0x50, 0x44, 0x46])) {
    throw new IngestError(
      'pdf-document',
      `${name} is a PDF document, not a CSV file. Export the list from the source system as CSV instead.`,
    )
  }
  const isImage =
    startsWith(sample, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(sample, [0xff, 0xd8, 0xff]) ||
    startsWith(sample, [0x47, 0x49, 0x46, 0x38]) ||
    (startsWith(sample, [0x52, 0x49, 0x46, 0x46]) &&
      startsWith(sample, [0x57, 0x45, 0x42, 0x50], 8))
  if (isImage) {
    throw new IngestError(
      'image-file',
      `${name} is an image, not a CSV file. Drop a CSV, TSV or TXT file with one ID per row.`,
    )
  }
  if (detectUtf16(sample) === null && sample.includes(0)) {
    throw new IngestError(
      'not-text',
      `${name} is not a text file (it contains binary data). Drop a CSV, TSV or TXT file, or paste the IDs.`,
    )
  }
}

/** UTF-16 by its BOM, or without one by the zero byte in every other position of ASCII text. */
function detectUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (startsWith(sample, [0xff, 0xfe])) return 'utf-16le'
  if (startsWith(sample, [0xfe, 0xff])) return 'utf-16be'
  const pairs = Math.floor(Math.min(sample.length, 1024) / 2)
  if (pairs < 2) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZeros++
    if (sample[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.05) return 'utf-16le'
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.05) return 'utf-16be'
  return null
}

/**
 * Picks the encoding from the first bytes: a BOM wins, then UTF-16 by its zero bytes, then UTF-8 if
 * the bytes are valid UTF-8, else Windows-1252 (what Excel on Windows writes for "CSV").
 * e.g. [0x41, 0xe9, 0x0a] → 'windows-1252'; [0x41, 0xc3, 0xa9] → 'utf-8'; [0xef, 0xbb, 0xbf, …] → 'utf-8-bom'
 */
export function detectEncoding(sample: Uint8Array, isWholeFile: boolean): TextEncodingName {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return 'utf-8-bom'
  const utf16 = detectUtf16(sample)
  if (utf16 !== null) return utf16
  try {
    // stream: a multi-byte character cut off at the end of the sample is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !isWholeFile })
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

export interface StreamDecoder {
  /** Decodes the next chunk; characters split across chunks come out whole in the next call. */
  decode(bytes: Uint8Array): string
  /** Returns what is left at the end of the input. */
  flush(): string
}

const DECODER_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1252': 'windows-1252',
  text: 'utf-8',
}

/**
 * A streaming decoder for the chosen encoding. UTF-8 is decoded strictly, so bytes further into the
 * file that are not UTF-8 raise an IngestError('mixed-encoding') instead of turning into "�".
 * e.g. createStreamDecoder('utf-8', 'a.csv').decode(Uint8Array.of(0xc3)) → '' then decode(Uint8Array.of(0xa9)) → 'é'
 */
export function createStreamDecoder(encoding: TextEncodingName, name: string): StreamDecoder {
  // The BOM is dropped by TextDecoder itself (ignoreBOM defaults to false).
  const decoder = new HeapTextDecoder(DECODER_LABEL[encoding], { fatal: encoding === 'utf-8' })
  const mixed = (): IngestError =>
    new IngestError(
      'mixed-encoding',
      `${name} starts as UTF-8 text but further on has characters in another encoding. Save it again as CSV UTF-8 and drop it here.`,
    )
  return {
    decode(bytes) {
      try {
        return decoder.decode(bytes)
      } catch {
        throw mixed()
      }
    },
    flush() {
      try {
        return decoder.flush()
      } catch {
        throw mixed()
      }
    },
  }
}
