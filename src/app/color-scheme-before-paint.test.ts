import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { colorSchemeStorageKey } from './theme'

const script = readFileSync(new URL('../../public/color-scheme.js', import.meta.url), 'utf8')

/** The scheme public/color-scheme.js marks on <html> for a stored choice and a system scheme. */
function schemeBeforePaint(stored: Record<string, string>, systemDark: boolean): string | null {
  let marked: string | null = null
  runInNewContext(script, {
    window: {
      localStorage: { getItem: (key: string) => stored[key] ?? null },
      matchMedia: (query: string) => ({
        matches: query === '(prefers-color-scheme: dark)' && systemDark,
      }),
    },
    document: {
      documentElement: {
        setAttribute: (name: string, value: string) => {
          if (name === 'data-mantine-color-scheme') marked = value
        },
      },
    },
  })
  return marked
}

describe('the colour scheme set before the first paint', () => {
  it('follows the system while the marketer has not chosen, or chose System', () => {
    expect(schemeBeforePaint({}, true)).toBe('dark')
    expect(schemeBeforePaint({}, false)).toBe('light')
    expect(schemeBeforePaint({ [colorSchemeStorageKey]: 'auto' }, true)).toBe('dark')
  })

  it('keeps the choice made in Settings, whatever the system says', () => {
    expect(schemeBeforePaint({ [colorSchemeStorageKey]: 'light' }, true)).toBe('light')
    expect(schemeBeforePaint({ [colorSchemeStorageKey]: 'dark' }, false)).toBe('dark')
  })

  it('leaves the page to Mantine when the browser blocks storage', () => {
    let marked = false
    runInNewContext(script, {
      window: {
        get localStorage(): never {
          throw new DOMException('The operation is insecure.', 'SecurityError')
        },
      },
      document: { documentElement: { setAttribute: () => (marked = true) } },
    })
    expect(marked).toBe(false)
  })
})
