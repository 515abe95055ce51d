import { describe, expect, it } from 'vitest'
import { keptRowsSentence, severalRowsSentence } from './kept-rows-sentence'

describe('keptRowsSentence', () => {
  it('says rows kept and IDs, with thousands separators and singulars', () => {
    expect(keptRowsSentence(12_408, 48_120, 11_902)).toBe('12,408 of 48,120 rows kept → 11,902 IDs')
    expect(keptRowsSentence(1, 1, 1)).toBe('1 of 1 row kept → 1 ID')
    expect(keptRowsSentence(0, 5_000, 0)).toBe('0 of 5,000 rows kept → 0 IDs')
  })
})

describe('severalRowsSentence', () => {
  it('explains fewer IDs than rows when fans have several rows', () => {
    expect(severalRowsSentence(12_408, 11_902, 300)).toBe(
      'A fan with several kept rows is in once: 206 fewer IDs than rows, besides the 300 rows cleaning dropped.',
    )
    expect(severalRowsSentence(3, 2, 0)).toBe(
      'A fan with several kept rows is in once: 1 fewer ID than rows.',
    )
  })

  it('says nothing when each kept row is its own fan', () => {
    expect(severalRowsSentence(10, 9, 1)).toBeNull()
  })
})
