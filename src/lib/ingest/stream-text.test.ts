import { describe, expect, it } from 'vitest'
import { byteChunks, rejection, utf8 } from '../testing/ingest-inputs'
import { streamText, type StreamTextOptions } from './stream-text'

async function collect(
  input: string | AsyncIterable<Uint8Array>,
  options: StreamTextOptions,
): Promise<{ text: string; lastCalls: number; encoding: string; totalBytes: number }> {
  let text = ''
  let lastCalls = 0
  const streamed = await streamText(input, options, (chunk, isLast) => {
    text += chunk
    if (isLast) lastCalls++
  })
  return { text, lastCalls, ...streamed }
}

describe('streamText', () => {
  it('decodes a file whose characters are split across chunks, and ends with one last call', async () => {
    const bytes = utf8('Name,ID\nJosé,0012\nZoë,0034\n')

    const streamed = await collect(byteChunks(bytes, 1), { name: 'a.csv', totalBytes: 27 })

    expect(streamed).toEqual({
      text: 'Name,ID\nJosé,0012\nZoë,0034\n',
      lastCalls: 1,
      encoding: 'utf-8',
      totalBytes: 27,
    })
  })

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    const bytes = Uint8Array.from([...utf8('Name\nJos'), 0xe9, 0x0a])

    const streamed = await collect(byteChunks(bytes), { name: 'excel.csv' })

    expect(streamed.encoding).toBe('windows-1252')
    expect(streamed.text).toBe('Name\nJosé\n')
  })

  it('drops the BOM of a pasted string and measures it in characters', async () => {
    const streamed = await collect('\uFEFFid\n0012\n', { name: 'Pasted text' })

    expect(streamed).toMatchObject({ text: 'id\n0012\n', encoding: 'text', totalBytes: 9 })
  })

  it('refuses an empty file, a blank paste and a workbook with a sentence', async () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...utf8('xl/workbook.xml')])

    expect(
      (await rejection(collect(byteChunks(new Uint8Array()), { name: 'a.csv' }))).sentence,
    ).toBe('a.csv is empty.')
    expect((await rejection(collect(' \n', { name: 'Pasted text' }))).sentence).toBe(
      'Pasted text is empty.',
    )
    expect((await rejection(collect(byteChunks(xlsx), { name: 'list.xlsx' }))).code).toBe(
      'excel-workbook',
    )
  })

  it('reports progress up to the total, the last report at the end', async () => {
    const bytes = utf8('x\n'.repeat(300_000))
    const reports: number[] = []

    await collect(byteChunks(bytes, 64 * 1024), {
      name: 'big.csv',
      totalBytes: bytes.length,
      onProgress: (read, total) => reports.push(read / total),
    })

    expect(reports.at(-1)).toBe(1)
    expect(reports.every((share, i) => i === 0 || share >= (reports[i - 1] ?? 0))).toBe(true)
  })

  it('stops with a cancelled error once the signal is aborted', async () => {
    const controller = new AbortController()
    let pushed = 0

    const error = await rejection(
      streamText(
        byteChunks(utf8('0012\n'.repeat(100_000)), 1024),
        {
          name: 'ids.csv',
          signal: controller.signal,
        },
        () => {
          pushed++
          if (pushed === 3) controller.abort()
        },
      ),
    )

    expect(error.code).toBe('cancelled')
    expect(pushed).toBe(3)
  })

  it('hands a single 1 MB chunk on in several pieces that add up to the same text', async () => {
    const bytes = utf8('0012,José\n'.repeat(100_000))
    const pieces: string[] = []

    await streamText(byteChunks(bytes, bytes.length), { name: 'ids.csv' }, (piece, isLast) => {
      if (!isLast) pieces.push(piece)
    })

    expect(pieces.filter((piece) => piece !== '').length).toBeGreaterThanOrEqual(8)
    expect(pieces.join('')).toBe('0012,José\n'.repeat(100_000))
  })

  it('honours a cancel that arrives while a single 1 MB chunk is being read', async () => {
    const bytes = utf8('0012\n'.repeat(220_000))
    const controller = new AbortController()
    let pushedChars = 0

    const error = await rejection(
      streamText(
        byteChunks(bytes, bytes.length),
        { name: 'ids.csv', signal: controller.signal },
        (piece) => {
          // The Cancel click reaches the worker as a message, so only once the reader yields.
          if (pushedChars === 0) setTimeout(() => controller.abort(), 0)
          pushedChars += piece.length
          const busyUntil = performance.now() + 12
          while (performance.now() < busyUntil);
        },
      ),
    )

    expect(error.code).toBe('cancelled')
    expect(pushedChars).toBeGreaterThan(0)
    expect(pushedChars).toBeLessThan(bytes.length / 2)
  })
})
