// Opening a dropped file, the one way both features do it (Segments for IDs, User properties for
// rows of values): a workbook is told apart by its first bytes, never by its name, and anything
// else is text decoded in the encoding its first 64 KB shows. Text that starts as UTF-8 and
// further on is not (two exports pasted together, one of them saved by Excel on Windows) is read
// again from the start as Windows-1252, rather than refused. What the rows become is the caller's:
// Segments keeps one ID column, User properties every cell.
import { blobChunks } from './blob-chunks'
import { IngestError } from './ingest-error'
import type { TextEncodingName } from './types'
import { blobContainerKind, type ContainerKind } from './workbook/open-workbook'

/** Text to read, as the text reader of a feature gets it. */
export interface DroppedText {
  /** A fresh stream of the file's bytes, or pasted text. */
  input: string | AsyncIterable<Uint8Array>
  /** The file's size for progress; undefined for pasted text (its length is used). */
  totalBytes?: number
  /** Decode with this encoding instead of detecting it: the caller's, or the Windows-1252 retry. */
  encoding?: TextEncodingName
}

/** How one feature turns a text or a workbook into what it keeps. */
export interface DroppedFileReaders<T> {
  text(text: DroppedText): Promise<T>
  workbook(blob: Blob, container: ContainerKind): Promise<T>
}

/**
 * Reads a dropped file (or pasted text) with the feature's reader for its kind; a file whose text
 * changes encoding half-way is read again as Windows-1252. `encoding` skips detection and the
 * retry (a file read again, whose encoding is already known).
 * e.g. readDroppedFile(new Blob(['id\n0012\n', Uint8Array.of(0xe9), '\n']), readers)
 *   → readers.text({ input: <bytes>, totalBytes: 11 }) rejects with 'mixed-encoding',
 *   → readers.text({ input: <bytes again>, totalBytes: 11, encoding: 'windows-1252' })
 */
export async function readDroppedFile<T>(
  input: Blob | string,
  readers: DroppedFileReaders<T>,
  encoding?: TextEncodingName,
): Promise<T> {
  if (typeof input === 'string') return readers.text({ input, encoding })
  const container = await blobContainerKind(input)
  if (container !== null) return readers.workbook(input, container)
  const totalBytes = input.size
  try {
    return await readers.text({ input: blobChunks(input), totalBytes, encoding })
  } catch (error) {
    const mixed = error instanceof IngestError && error.code === 'mixed-encoding'
    if (!mixed || encoding !== undefined) throw error
    return readers.text({ input: blobChunks(input), totalBytes, encoding: 'windows-1252' })
  }
}
