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
  const decoder = new TextDecoder('utf-8')
  for await (const bytes of readZipEntry(blob, entry, onCompressedBytes)) {
    scanner.push(decoder.decode(bytes, { stream: true }))
    if (stopped?.() === true) return
    await pacer.tick()
  }
  scanner.push(decoder.decode())
  scanner.end()
}

/**
 * Collects the text inside chosen elements, for parts small enough to read whole.
 * e.g. textOf(['t']) on "<si><t>a</t><t>b</t></si>" → "ab"
 */
export class TextCollector {
  private parts: string[] = []
  collecting = false

  add(text: string): void {
    if (this.collecting) this.parts.push(text)
  }

  start(): void {
    this.collecting = true
  }

  /** Ends collection and returns what was gathered since the last take. */
  take(): string {
    this.collecting = false
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('')
    this.parts = []
    return text
  }
}
