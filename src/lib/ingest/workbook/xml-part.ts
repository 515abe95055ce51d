import { HeapTextDecoder } from '../heap-text-decoder'
import { Pacer } from '../pacer'
import { XmlScanner, type XmlHandler } from './xml-scanner'
import { readZipEntry, type ZipEntry } from './zip-archive'

/**
 * Streams one XML part of a zip through `handler`: inflated, decoded as UTF-8 and scanned chunk
 * by chunk, with the pacer's Cancel and yield between chunks. `stopped()` ends it early.
 * e.g. await scanXmlPart(blob, entries.get('xl/workbook.xml'), handler, { pacer })
 */
export async function scanXmlPart(
  blob: Blob,
  entry: ZipEntry,
  handler: XmlHandler,
  options: {
    pacer: Pacer
    onCompressedBytes?: (count: number) => void
    stopped?: () => boolean
  },
): Promise<void> {
  const { pacer, onCompressedBytes, stopped } = options
  const scanner = new XmlScanner(handler)
  const decoder = new HeapTextDecoder('utf-8')
  for await (const bytes of readZipEntry(blob, entry, onCompressedBytes)) {
    scanner.push(decoder.decode(bytes))
    if (stopped?.() === true) return
    await pacer.tick()
  }
  scanner.push(decoder.flush())
  scanner.end()
}

/**
 * Collects the text inside chosen elements, for parts small enough to read whole.
 * e.g. textOf(['t']) on "<si><t>a</t><t>b</t></si>" → "ab"
 */
export class TextCollector {
  /** The first piece, and the others when a text comes in several (entities, chunk ends). */
  private first = ''
  private rest: string[] | null = null
  collecting = false

  add(text: string): void {
    if (!this.collecting) return
    if (this.first === '') this.first = text
    else (this.rest ??= []).push(text)
  }

  start(): void {
    this.collecting = true
  }

  /**
   * Ends collection and returns what was gathered since the last take. Called for every cell of
   * a sheet, so a text of one piece (nearly all) costs no array.
   */
  take(): string {
    this.collecting = false
    const first = this.first
    const rest = this.rest
    this.first = ''
    this.rest = null
    return rest === null ? first : first + rest.join('')
  }
}
