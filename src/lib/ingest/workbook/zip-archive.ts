// The zip container of .xlsx, .xlsm and .ods files, read from the Blob by random access: the
// central directory at the end says where each part is, and a part is inflated as a stream, so
// a sheet is never in memory whole and a part that inflates without end is stopped early.
import {
  ZStream,
  Z_BUF_ERROR,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  zlibInflate,
  zlibInflateInit2,
} from 'pako'
import { blobChunks } from '../blob-chunks'

/** One file of the archive, as its central directory entry describes it. */
export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number
  encrypted: boolean
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** Why an archive or one of its parts could not be read. */
export class ZipError extends Error {
  override readonly name = 'ZipError'
  readonly reason: 'truncated' | 'zip64' | 'encrypted' | 'method' | 'bomb' | 'damaged'

  constructor(reason: ZipError['reason'], message: string) {
    super(message)
    this.reason = reason
  }
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
/** The end record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH_BYTES = 22 + 0xffff
/** Compressed bytes handed to the inflater at once: bounds what one push can inflate to (~1,000×). */
const INFLATE_INPUT_BYTES = 16 * 1024
/** Inflated bytes handed on at once: one chunk of the part's text for the decoder and scanner. */
const INFLATE_OUTPUT_BYTES = 64 * 1024

/**
 * How far a part may inflate. Deflate cannot pass ~1,032×; real sheet XML inflates 5–60×, so
 * a part over RATIO× its compressed size (once past FLOOR bytes, where small parts of repeated
 * tags can compress better) is a zip bomb, and no part of a workbook needs more than MAX bytes.
 */
export const INFLATE_LIMITS = { ratio: 200, floorBytes: 64 * 1024 * 1024, maxBytes: 2 ** 31 }

async function bytesAt(blob: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await blob.slice(start, end).arrayBuffer())
}

/**
 * The archive's entries by name (a Map, so a part named "__proto__" is only a name).
 * e.g. await readZipDirectory(xlsxBlob) → Map { "[Content_Types].xml" → {…}, "xl/workbook.xml" → {…}, … }
 */
export async function readZipDirectory(blob: Blob): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, blob.size - EOCD_SEARCH_BYTES)
  const tail = await bytesAt(blob, tailStart, blob.size)
  let eocd = -1
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i
      break
    }
  }
  if (eocd === -1) throw new ZipError('truncated', 'no end of central directory')
  const count = tail.getUint16(eocd + 10, true)
  const directorySize = tail.getUint32(eocd + 12, true)
  const directoryOffset = tail.getUint32(eocd + 16, true)
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new ZipError('zip64', 'zip64 archive')
  if (directoryOffset + directorySize > tailStart + eocd) {
    throw new ZipError('truncated', 'the central directory lies past the end of the file')
  }
  const directory = await bytesAt(blob, directoryOffset, directoryOffset + directorySize)
  const decoder = new TextDecoder()
  const entries = new Map<string, ZipEntry>()
  let at = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.byteLength || directory.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ZipError('damaged', 'central directory entry out of place')
    }
    const nameLength = directory.getUint16(at + 28, true)
    const extraLength = directory.getUint16(at + 30, true)
    const commentLength = directory.getUint16(at + 32, true)
    const nameBytes = new Uint8Array(
      directory.buffer,
      at + 46,
      Math.min(nameLength, directory.byteLength - at - 46),
    )
    const entry: ZipEntry = {
      name: decoder.decode(nameBytes),
      method: directory.getUint16(at + 10, true),
      encrypted: (directory.getUint16(at + 8, true) & 1) === 1,
      compressedSize: directory.getUint32(at + 20, true),
      uncompressedSize: directory.getUint32(at + 24, true),
      localHeaderOffset: directory.getUint32(at + 42, true),
    }
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new ZipError('zip64', 'zip64 entry')
    }
    entries.set(entry.name, entry)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/**
 * A part's raw deflate stream inflated into one output buffer, used again for every chunk. A
 * sheet's XML (700 MB for the bench's million rows) then passes through 64 KB, where fflate's
 * Inflate grew and copied a buffer for every push: several times the sheet's bytes left for the
 * collector. It is zlib's own streaming API, as pako ports it.
 */
class RawInflater {
  ended = false
  private readonly stream = new ZStream()
  private readonly output = new Uint8Array(INFLATE_OUTPUT_BYTES)
  private readonly name: string

  constructor(name: string) {
    this.name = name
    // Negative window bits: raw deflate, no zlib header (what a zip stores).
    zlibInflateInit2(this.stream, -15)
  }

  /** The bytes `input` inflates to; each chunk is valid only until the next one is asked for. */
  *inflate(input: Uint8Array): Generator<Uint8Array> {
    const stream = this.stream
    stream.input = input
    stream.next_in = 0
    stream.avail_in = input.length
    while (!this.ended) {
      stream.output = this.output
      stream.next_out = 0
      stream.avail_out = this.output.length
      const status = zlibInflate(stream, Z_NO_FLUSH)
      if (status === Z_STREAM_END) this.ended = true
      // Z_BUF_ERROR: no progress possible until more input comes, not damage.
      else if (status !== Z_OK && status !== Z_BUF_ERROR) {
        throw new ZipError('damaged', `${this.name} does not inflate`)
      }
      if (stream.next_out > 0) yield this.output.subarray(0, stream.next_out)
      // Room left in the output means the input is used up.
      if (stream.avail_out > 0) return
    }
  }
}

/**
 * The inflated bytes of one entry, chunk by chunk, stopping with ZipError('bomb') as soon as it
 * inflates past INFLATE_LIMITS or past the size its directory entry announced. A chunk is valid
 * only until the next one is asked for (the inflater writes the next into the same buffer).
 * `onCompressedBytes` tells how many compressed bytes were consumed, for progress.
 */
export async function* readZipEntry(
  blob: Blob,
  entry: ZipEntry,
  onCompressedBytes: (count: number) => void = () => undefined,
): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ZipError('encrypted', `${entry.name} is encrypted`)
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipError('method', `${entry.name} uses compression method ${entry.method}`)
  }
  const header = await bytesAt(blob, entry.localHeaderOffset, entry.localHeaderOffset + 30)
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_SIGNATURE) {
    throw new ZipError('truncated', `${entry.name} is missing from the archive`)
  }
  const dataStart =
    entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true)
  const dataEnd = dataStart + entry.compressedSize
  if (dataEnd > blob.size) throw new ZipError('truncated', `${entry.name} is cut off`)

  const limit = Math.min(
    INFLATE_LIMITS.maxBytes,
    Math.max(INFLATE_LIMITS.floorBytes, entry.compressedSize * INFLATE_LIMITS.ratio),
  )
  const inflater = entry.method === 8 ? new RawInflater(entry.name) : null
  let produced = 0
  for await (const compressed of blobChunks(blob.slice(dataStart, dataEnd))) {
    for (let offset = 0; offset < compressed.length; offset += INFLATE_INPUT_BYTES) {
      const piece = compressed.subarray(offset, offset + INFLATE_INPUT_BYTES)
      onCompressedBytes(piece.length)
      for (const bytes of inflater === null ? [piece] : inflater.inflate(piece)) {
        produced += bytes.length
        if (produced > limit) {
          throw new ZipError('bomb', `${entry.name} inflates past ${limit} bytes`)
        }
        // The announced size is what Excel wrote; more than that is a lie about the content.
        if (produced > entry.uncompressedSize) {
          throw new ZipError('bomb', `${entry.name} inflates past its announced size`)
        }
        yield bytes
      }
    }
  }
  if (inflater !== null && !inflater.ended) {
    throw new ZipError('damaged', `${entry.name} ends before its data does`)
  }
}
