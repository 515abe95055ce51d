import { describe, expect, it } from 'vitest'
import { builtInFormat, formatCodeMeaning } from './number-format'

describe('number formats', () => {
  it('finds zero padding, dates and times in format codes', () => {
    expect(formatCodeMeaning('000000')).toEqual({ kind: 'number', padWidth: 6 })
    expect(formatCodeMeaning('0')).toEqual({ kind: 'number', padWidth: 1 })
    expect(formatCodeMeaning('yyyy\\-mm\\-dd')).toEqual({ kind: 'date', padWidth: 0 })
    expect(formatCodeMeaning('[$-409]d-mmm-yy;@')).toEqual({ kind: 'date', padWidth: 0 })
    expect(formatCodeMeaning('[h]:mm:ss')).toEqual({ kind: 'time', padWidth: 0 })
    expect(formatCodeMeaning('h:mm AM/PM')).toEqual({ kind: 'time', padWidth: 0 })
  })

  it('leaves display-only formats as numbers', () => {
    for (const code of [
      'General',
      '#,##0.00',
      '0.00E+00',
      '"ID "0',
      '[Red]0.0',
      '@',
      '"TRUE";"TRUE";"FALSE"',
    ]) {
      expect(formatCodeMeaning(code).kind, code).toBe('number')
    }
  })

  it('knows the built-in formats that styles.xml does not spell out', () => {
    expect(builtInFormat(14)?.kind).toBe('date')
    expect(builtInFormat(20)?.kind).toBe('time')
    expect(builtInFormat(0)).toEqual({ kind: 'number', padWidth: 0 })
    expect(builtInFormat(164)).toBeNull()
  })
})
