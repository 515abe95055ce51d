import { describe, expect, it } from 'vitest'
import { concatBytes } from './concat-bytes'

describe('concatBytes', () => {
  it('puts the chunks one after another, and hands back a lone chunk as it is', () => {
    expect(concatBytes([Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)])).toEqual(
      Uint8Array.of(1, 2, 3),
    )
    expect(concatBytes([])).toEqual(new Uint8Array(0))
    const lone = Uint8Array.of(4)
    expect(concatBytes([lone])).toBe(lone)
  })
})
