import { describe, expect, it } from 'vitest'
import { bucketIds, bucketJsonItems, bucketOf, bucketOfLine, idLine } from './id-buckets.ts'

const awkward = ['0012', '1.23E+11', 'a,b', 'line\nbreak', 'quote"d', 'ümlaut', '🙂', ' spaced ']

describe('a kept list read back as JSON', () => {
  it('gives every ID exactly as written, whatever characters it holds', () => {
    const items = bucketIds(awkward).map((bucket) => bucketJsonItems(bucket.data).toString('utf8'))
    const readBack = JSON.parse(`[${items.join(',')}]`) as string[]
    expect(readBack.toSorted()).toEqual(awkward.toSorted())
  })
})

describe('the bucket of a spooled line', () => {
  it('is the bucket of its ID, read from the bytes between other lines', () => {
    for (const id of [...awkward, 'back\\slash', '', '4000000007']) {
      const bytes = Buffer.from(`x\n${idLine(id)}\ny`, 'utf8')
      expect(bucketOfLine(bytes, 2, bytes.length - 2), id).toBe(bucketOf(id))
    }
  })
})
