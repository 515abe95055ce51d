import { describe, expect, it } from 'vitest'
import { bucketIds, bucketJsonItems } from './id-buckets.ts'

describe('a kept list read back as JSON', () => {
  it('gives every ID exactly as written, whatever characters it holds', () => {
    const ids = ['0012', '1.23E+11', 'a,b', 'line\nbreak', 'quote"d', 'ümlaut', '🙂', ' spaced ']
    const items = bucketIds(ids).map((bucket) => bucketJsonItems(bucket.data))
    const readBack = JSON.parse(`[${items.join(',')}]`) as string[]
    expect(readBack.toSorted()).toEqual(ids.toSorted())
  })
})
