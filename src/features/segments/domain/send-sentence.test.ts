import { describe, expect, it } from 'vitest'
import { sendSentence } from './send-sentence'

describe('what the ID preview says will be sent', () => {
  it('names the list without a split', () => {
    expect(sendSentence(1, null)).toBe('1 ID will be sent.')
    expect(sendSentence(12_408, null)).toBe('12,408 IDs will be sent.')
  })

  it('names the segments and their IDs with a split, never the list as if it were sent', () => {
    expect(sendSentence(8, { ticked: 4, tickedIds: 8 })).toBe(
      '4 segments will be sent: 8 IDs in all, split from the 8 IDs below.',
    )
    // A fan with tickets on two plans is in two segments.
    expect(sendSentence(11, { ticked: 1, tickedIds: 12 })).toBe(
      '1 segment will be sent: 12 IDs in all, split from the 11 IDs below.',
    )
  })

  it('says nothing will be sent while the split makes none (every value unticked, or a problem)', () => {
    expect(sendSentence(8, { ticked: 0, tickedIds: 0 })).toBe(
      "No segment will be sent yet: the split's table says why. Below, the 8 IDs it splits.",
    )
  })
})
