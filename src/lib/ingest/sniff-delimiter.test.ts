import { describe, expect, it } from 'vitest'
import { sniffDelimiter } from './sniff-delimiter'

describe('sniffDelimiter', () => {
  it('finds comma, semicolon, tab and pipe', () => {
    expect(sniffDelimiter(['id,name', '1,Ann', '2,Bo'])).toBe(',')
    expect(sniffDelimiter(['id;name', '1;Ann', '2;Bo'])).toBe(';')
    expect(sniffDelimiter(['id\tname', '1\tAnn', '2\tBo'])).toBe('\t')
    expect(sniffDelimiter(['id|name', '1|Ann', '2|Bo'])).toBe('|')
  })

  it('returns null for a one-column file, even with a stray comma in a value', () => {
    expect(sniffDelimiter(['Account ID', '0012', '0034'])).toBeNull()
    expect(sniffDelimiter(['12345', '1,23457E+11', '67890', '13579', '24680'])).toBeNull()
  })

  it('ignores separators inside quotes', () => {
    expect(sniffDelimiter(['id;name', '1;"Smith, Ann"', '2;"Lee, Bo"'])).toBe(';')
  })

  it('prefers semicolon over the decimal comma of European numbers', () => {
    expect(sniffDelimiter(['id;score', '1;2,5', '2;3,75', '3;1'])).toBe(';')
  })

  it('tolerates a few ragged lines in a longer sample', () => {
    const lines = ['id,name', ...Array.from({ length: 18 }, (_, i) => `${i},n${i}`), '99,a,b']
    expect(sniffDelimiter(lines)).toBe(',')
  })
})
