import { describe, expect, it } from 'vitest'
import { tokenHint } from './token-hint'

describe('tokenHint', () => {
  it('asks for a token when none was typed', () => {
    expect(tokenHint(null, 'before uploading')).toBe(
      'Paste your API token under Connection before uploading.',
    )
  })

  it('says why the typed token was refused, whatever the page needs it for', () => {
    expect(
      tokenHint(
        'A token has no spaces in it. Copy it again from the FanReach Portal.',
        'before uploading',
      ),
    ).toBe(
      'The token in the Connection panel was not used: A token has no spaces in it. Copy it again from the FanReach Portal.',
    )
  })
})
