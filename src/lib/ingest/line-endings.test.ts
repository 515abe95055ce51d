import { describe, expect, it } from 'vitest'
import { detectLineEnding, LineBreakNormalizer, toLf } from './line-endings'

describe('detectLineEnding', () => {
  it('names CRLF, LF, CR, mixed and none', () => {
    expect(detectLineEnding('a\r\nb\r\n')).toBe('crlf')
    expect(detectLineEnding('a\nb\n')).toBe('lf')
    expect(detectLineEnding('a\rb\rc')).toBe('cr')
    expect(detectLineEnding('a\nb\r\n')).toBe('mixed')
    expect(detectLineEnding('abc')).toBe('none')
  })
})

function normalizeInChunks(text: string, size: number): string {
  const normalizer = new LineBreakNormalizer()
  let out = ''
  for (let i = 0; i < text.length; i += size) {
    out += toLf(normalizer.push(text.slice(i, i + size), false).text)
  }
  return out + toLf(normalizer.push('', true).text)
}

describe('LineBreakNormalizer', () => {
  it('passes LF-only and pure CRLF text through untouched, naming the line break', () => {
    const normalizer = new LineBreakNormalizer()
    expect(normalizer.push('a\nb\n', false)).toEqual({ text: 'a\nb\n', newline: '\n' })
    expect(normalizer.push('a\r\nb\r\n', false)).toEqual({ text: 'a\r\nb\r\n', newline: '\r\n' })
  })

  it('turns lone CRs and mixed endings into LF', () => {
    const normalizer = new LineBreakNormalizer()
    expect(normalizer.push('a\rb\rc', true)).toEqual({ text: 'a\nb\nc', newline: '\n' })
    expect(new LineBreakNormalizer().push('a\nb\r\nc', true)).toEqual({
      text: 'a\nb\nc',
      newline: '\n',
    })
  })

  it('keeps a CRLF split between chunks as one line break', () => {
    const normalizer = new LineBreakNormalizer()
    expect(normalizer.push('a\r', false)).toEqual({ text: 'a', newline: '\n' })
    expect(normalizer.push('\nb\r\n', true)).toEqual({ text: '\r\nb\r\n', newline: '\r\n' })
    const text = 'a\r\nb\rc\nd\r\n'
    for (const size of [1, 2, 3, 100]) expect(normalizeInChunks(text, size)).toBe('a\nb\nc\nd\n')
  })

  it('keeps a CR at the very end of the input as a line break', () => {
    const normalizer = new LineBreakNormalizer()
    expect(normalizer.push('a\r', false).text + normalizer.push('', true).text).toBe('a\n')
  })
})
