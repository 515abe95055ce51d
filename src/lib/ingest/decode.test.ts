import { describe, expect, it } from 'vitest'
import { assertTextContent, createStreamDecoder, detectEncoding } from './decode'
import { IngestError } from './ingest-error'

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))
const utf8 = (text: string) => new TextEncoder().encode(text)

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = Array.from(text, (c) => c.charCodeAt(0))
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : []
  for (const unit of units) {
    if (littleEndian) bytes.push(unit & 0xff, unit >> 8)
    else bytes.push(unit >> 8, unit & 0xff)
  }
  return Uint8Array.from(bytes)
}

function decodeAll(bytes: Uint8Array, chunkSize: number): string {
  const decoder = createStreamDecoder(detectEncoding(bytes, true), 'ids.csv')
  let text = ''
  for (let i = 0; i < bytes.length; i += chunkSize)
    text += decoder.decode(bytes.slice(i, i + chunkSize))
  return text + decoder.flush()
}

function thrown(run: () => void): IngestError {
  try {
    run()
  } catch (error) {
    if (error instanceof IngestError) return error
  }
  throw new Error('expected an IngestError')
}

describe('detectEncoding', () => {
  it('recognises UTF-8 with and without BOM', () => {
    expect(detectEncoding(utf8('José,0012\n'), true)).toBe('utf-8')
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x31), true)).toBe('utf-8-bom')
  })

  it('recognises UTF-16 LE and BE by their BOM, and without BOM by the zero bytes', () => {
    expect(detectEncoding(utf16('id\n12\n', true), true)).toBe('utf-16le')
    expect(detectEncoding(utf16('id\n12\n', false), true)).toBe('utf-16be')
    expect(detectEncoding(utf16('id\n12\n', true, false), true)).toBe('utf-16le')
  })

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // "José" as Excel on Windows writes it: é is the single byte 0xE9.
    expect(detectEncoding(Uint8Array.of(0x4a, 0x6f, 0x73, 0xe9, 0x0a), true)).toBe('windows-1252')
  })

  it('does not blame a multi-byte character cut off at the end of a partial sample', () => {
    const cut = utf8('ab\u00e9').slice(0, 3)
    expect(detectEncoding(cut, false)).toBe('utf-8')
    expect(detectEncoding(cut, true)).toBe('windows-1252')
  })
})

describe('createStreamDecoder', () => {
  it('decodes every encoding the same, whatever the chunk size, and drops the BOM', () => {
    const text = 'Account ID,Name\n0012,José\n'
    const files = [
      utf8(text),
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]),
      utf16(text, true),
      utf16(text, false),
      Uint8Array.from(Array.from(text, (c) => (c === 'é' ? 0xe9 : c.charCodeAt(0)))),
    ]
    for (const bytes of files) {
      for (const size of [1, 2, 3, 7, 1000]) expect(decodeAll(bytes, size)).toBe(text)
    }
  })

  it('rejects a UTF-8 file that turns into another encoding further on', () => {
    const decoder = createStreamDecoder('utf-8', 'ids.csv')
    expect(decoder.decode(utf8('0012\n'))).toBe('0012\n')
    expect(thrown(() => decoder.decode(Uint8Array.of(0xe9, 0x0a))).code).toBe('mixed-encoding')
  })
})

describe('assertTextContent', () => {
  it('explains that an .xlsx file is an Excel workbook and how to save it as CSV', () => {
    const error = thrown(() =>
      assertTextContent(ascii('PK\x03\x04\x14\x00xl/workbook.xml'), 'report.xlsx'),
    )
    expect(error.code).toBe('excel-workbook')
    expect(error.sentence).toBe(
      'report.xlsx is an Excel workbook, not a CSV file. In Excel choose File › Save As › CSV UTF-8, then drop the CSV here.',
    )
  })

  it('names other non-text files', () => {
    const cases: [Uint8Array, string, string][] = [
      [ascii('PK\x03\x04abc'), 'ids.zip', 'zip-archive'],
      [Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'old.xls', 'excel-workbook'],
      [ascii('%PDF-1.7'), 'ids.pdf', 'pdf-document'],
      [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), 'logo.csv', 'image-file'],
      [Uint8Array.of(0x31, 0x32, 0x00, 0x33, 0x34, 0x35, 0x36, 0x37), 'data.bin', 'not-text'],
    ]
    for (const [bytes, name, code] of cases) {
      const error = thrown(() => assertTextContent(bytes, name))
      expect(error.code).toBe(code)
      expect(error.sentence).toContain(name)
    }
  })

  it('accepts text, including UTF-16 with its zero bytes', () => {
    expect(() => assertTextContent(utf8('id\n0012\n'), 'ids.csv')).not.toThrow()
    expect(() => assertTextContent(utf16('id\n0012\n', true), 'ids.csv')).not.toThrow()
  })
})
