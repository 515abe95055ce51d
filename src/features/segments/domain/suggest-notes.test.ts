import { expect, it } from 'vitest'
import { suggestNotes } from './suggest-notes'

it('names every source and the final count', () => {
  expect(suggestNotes(['renewals.csv', 'vip.csv'], 48120)).toBe(
    'Refresh from renewals.csv, vip.csv (48,120 IDs)',
  )
  expect(suggestNotes([], 3)).toBe('Refresh from pasted IDs (3 IDs)')
})
