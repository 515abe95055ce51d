import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bucketLines, IDS_PER_CHUNK, idLine, listInMemory, type IdBlock } from './id-buckets.ts'
import { bucketSpoolFile, chunkSpoolFile } from './spool-blocks.ts'

const dir = mkdtempSync(join(tmpdir(), 'fanpass-spool-blocks-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
/** A spool file as IdSpool writes it: one idLine per line, each ended by a newline. */
function spoolOf(ids: readonly string[]): string {
  const path = join(dir, `${files++}.ids`)
  writeFileSync(path, ids.map((id) => `${idLine(id)}\n`).join(''))
  return path
}

async function all(blocks: AsyncIterable<IdBlock>): Promise<IdBlock[]> {
  const list: IdBlock[] = []
  for await (const block of blocks) list.push(block)
  return list
}

const awkward = ['0012', 'a,b', 'line\nbreak', 'quote"d', 'back\\slash', 'ümlaut', '🙂', ' spaced ']
const many = Array.from({ length: 5_000 }, (_, n) => String(4_000_000_000 + n * 7919))

describe('a spooled list kept in blocks', () => {
  it('has the buckets a list in memory has, byte for byte, in one pass or in many', async () => {
    const ids = [...awkward, ...many]
    const byIndex = (a: IdBlock, b: IdBlock) => a.index - b.index
    const expected = (await all(listInMemory(ids).buckets)).toSorted(byIndex)
    const path = spoolOf(ids)
    expect(await all(bucketSpoolFile(path))).toEqual(expected)
    // 64 bytes per pass: every bucket in a pass of its own.
    expect(await all(bucketSpoolFile(path, 64))).toEqual(expected)
  })

  it('keeps the upload order in chunks, across reads that end mid-line', async () => {
    // Over 1 MB of lines, so the file is read in more than one piece.
    const ids = Array.from({ length: IDS_PER_CHUNK + 2 }, (_, n) => `${n}${awkward[n % 8]}`)
    const chunks = await all(chunkSpoolFile(spoolOf(ids)))
    expect(chunks.map(({ index, count }) => ({ index, count }))).toEqual([
      { index: 0, count: IDS_PER_CHUNK },
      { index: 1, count: 2 },
    ])
    expect(chunks).toEqual(await all(listInMemory(ids).chunks))
    const readBack = chunks.flatMap((chunk) => bucketLines(chunk.data))
    expect(readBack.map((line) => JSON.parse(line) as string)).toEqual(ids)
  })
})
