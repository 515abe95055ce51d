import { describe, expect, it } from 'vitest'
import { describeToken } from './describe-token'

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)

function jwt(payload: object): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJl`
}

describe('describeToken', () => {
  it('reads subject, name and a comfortable expiry', () => {
    const token = jwt({ sub: 'marketer-42', name: 'Jo Fan', exp: NOW / 1000 + 8 * 3600 })
    expect(describeToken(token, NOW)).toEqual({
      kind: 'jwt',
      subject: 'marketer-42',
      name: 'Jo Fan',
      expiresAt: new Date(NOW + 8 * 3600 * 1000),
      expiry: 'valid',
    })
  })

  it('warns when the token expires within the hour', () => {
    const token = jwt({ sub: 'a', exp: NOW / 1000 + 59 * 60 })
    expect(describeToken(token, NOW)).toMatchObject({ expiry: 'expiring-soon' })
  })

  it('says a token whose exp has passed is expired', () => {
    const token = jwt({ sub: 'a', exp: NOW / 1000 - 1 })
    expect(describeToken(token, NOW)).toMatchObject({ expiry: 'expired' })
  })

  it('accepts a JWT without exp as never expiring and falls back to email for the name', () => {
    expect(describeToken(jwt({ email: 'jo@club.example' }), NOW)).toMatchObject({
      subject: null,
      name: 'jo@club.example',
      expiry: 'never',
    })
  })

  it('recognises text that is not a JWT', () => {
    expect(describeToken('an-invalid-token', NOW)).toEqual({ kind: 'not-jwt' })
    expect(describeToken('a.b.c', NOW)).toEqual({ kind: 'not-jwt' })
    expect(describeToken('', NOW)).toEqual({ kind: 'empty' })
  })
})
