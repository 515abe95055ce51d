import { describe, expect, it } from 'vitest'
import { recordedText, withoutNul } from './recorded-text.ts'

describe('recordedText', () => {
  it('keeps a value that fits as it is', () => {
    expect(recordedText('Season 😀', 9)).toBe('Season 😀')
  })

  it('cuts a longer value at the cap', () => {
    expect(recordedText('abcdef', 4)).toBe('abcd')
  })

  it('drops an emoji the cap would cut in half, rather than keep half of it', () => {
    expect(recordedText('ab😀c', 3)).toBe('ab')
    expect(recordedText('ab😀c', 4)).toBe('ab😀')
  })

  it('shows U+0000, which PostgreSQL cannot store, as ␀', () => {
    expect(recordedText('box\u0000office', 100)).toBe('box␀office')
    expect(withoutNul('\u0000\u0000')).toBe('␀␀')
  })
})
