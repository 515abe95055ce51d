import { describe, expect, it } from 'vitest'
import { EMPTY_REGISTERED_LIST_SENTENCE, isKeySent, keyAdvice } from './key-advice'

describe('keyAdvice', () => {
  const registered = new Set(['membership_tier', 'favourite_team'])

  it('accepts a registered key', () => {
    expect(keyAdvice('membership_tier', registered)).toEqual({ status: 'ok' })
  })

  it('says an unregistered key will be ignored unless registered in the Portal', () => {
    const advice = keyAdvice('shoe_size', registered)
    expect(advice).toMatchObject({ status: 'ignored', reason: 'not-registered' })
    expect(isKeySent(advice)).toBe(false)
    if (advice.status === 'ignored') expect(advice.sentence).toContain('FanReach Portal')
  })

  it('does not claim a key is ignored when the registered list is empty', () => {
    const advice = keyAdvice('shoe_size', new Set())
    expect(advice).toEqual({ status: 'unverified', sentence: EMPTY_REGISTERED_LIST_SENTENCE })
    expect(isKeySent(advice)).toBe(true)
  })

  it('still rejects reserved and badly formed keys when the list is empty', () => {
    expect(keyAdvice('user_id', new Set())).toMatchObject({ status: 'ignored', reason: 'reserved' })
    expect(keyAdvice('Shoe size', new Set())).toMatchObject({
      status: 'ignored',
      reason: 'bad-format',
    })
    expect(keyAdvice('a'.repeat(25), new Set())).toMatchObject({
      status: 'ignored',
      reason: 'too-long',
    })
  })
})
