import { it } from 'vitest'
import { parseSource } from './parse-source'
async function* chunks(text: string, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size)
}
it('x', async () => {
  const rows = Array.from({ length: 600_000 }, (_, i) => `${10_000_000 + i},Someone`)
  for (const [name, text] of [['runaway', `Account ID,Name\r\n0012345,"Ann\r\n${rows.join('\r\n')}\r\n`], ['huge', `Account ID,Notes\r\n0012345,${'x'.repeat(17_000_000)}\r\n`]]) {
    try { const p = await parseSource(chunks(text), { name, kind: 'file', totalBytes: text.length }); console.error(name, 'OK', p.summary.rowsRead, p.summary.warnings) } catch (e) { console.error(name, String(e)) }
  }
})
