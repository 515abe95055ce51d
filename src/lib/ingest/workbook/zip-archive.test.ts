import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { concatBytes } from '../concat-bytes'
import { readZipDirectory, readZipEntry } from './zip-archive'

/** 3 MB of sheet-like text with a seeded scatter of digits, so deflate has real work. */
function sheetLikeBytes(): Uint8Array {
  const bytes = new Uint8Array(3 * 1024 * 1024)
  let seed = 7
  const row = new TextEncoder().encode('<c r="A1"><v>')
  for (let i = 0; i < bytes.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    bytes[i] = i % 40 < row.length ? (row[i % 40] as number) : 48 + ((seed >>> 28) % 10)
  }
  return bytes
}

async function inflated(zip: Uint8Array, name: string): Promise<Uint8Array> {
  const blob = new Blob([new Uint8Array(zip)])
  const entry = (await readZipDirectory(blob)).get(name)
  if (entry === undefined) throw new Error(`no ${name}`)
  const parts: Uint8Array[] = []
  // Each chunk is valid only until the next is asked for: kept here as a copy.
  for await (const chunk of readZipEntry(blob, entry)) parts.push(chunk.slice())
  return concatBytes(parts)
}

describe('readZipEntry', () => {
  const content = sheetLikeBytes()

  for (const level of [0, 1, 9] as const) {
    it(`gives back every byte of a part stored at level ${level}, chunk after chunk`, async () => {
      const zip = zipSync({ 'xl/worksheets/sheet1.xml': content }, { level })
      const bytes = await inflated(zip, 'xl/worksheets/sheet1.xml')
      expect(bytes.length).toBe(content.length)
      expect(Buffer.from(bytes).equals(Buffer.from(content))).toBe(true)
    })
  }

  it('hands out chunks of one buffer used again, not a new buffer per chunk', async () => {
    const zip = zipSync({ 'sheet.xml': content }, { level: 6 })
    const blob = new Blob([new Uint8Array(zip)])
    const entry = (await readZipDirectory(blob)).get('sheet.xml')
    if (entry === undefined) throw new Error('no sheet.xml')
    const buffers = new Set<ArrayBufferLike>()
    let chunks = 0
    for await (const chunk of readZipEntry(blob, entry)) {
      buffers.add(chunk.buffer)
      chunks++
    }
    expect(chunks).toBeGreaterThan(40)
    expect(buffers.size).toBe(1)
  })
})
