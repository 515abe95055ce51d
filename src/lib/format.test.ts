import { expect, it } from 'vitest'
import { formatBytes, formatCount, formatQuantity, shortenForDisplay } from './format'

it('formats counts and sizes the way the page shows them', () => {
  expect(formatCount(1_000_000)).toBe('1,000,000')
  expect(formatBytes(512)).toBe('512 bytes')
  expect(formatBytes(48_120)).toBe('48.1 KB')
  expect(formatBytes(12_400_000)).toBe('12.4 MB')
})

it('uses the singular for exactly one', () => {
  expect(formatQuantity(1, 'ID')).toBe('1 ID')
  expect(formatQuantity(0, 'ID')).toBe('0 IDs')
  expect(formatQuantity(48_120, 'ID')).toBe('48,120 IDs')
  expect(formatQuantity(2, 'query', 'queries')).toBe('2 queries')
})

it('cuts values too long to render, keeping astral characters whole', () => {
  expect(shortenForDisplay('12345')).toBe('12345')
  expect(shortenForDisplay('x'.repeat(10_000_000))).toBe(
    `${'x'.repeat(120)}… (10,000,000 characters)`,
  )
  expect(shortenForDisplay(`ab${'👍'.repeat(5)}`, 3)).toBe('ab… (12 characters)')
})
