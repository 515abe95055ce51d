import { describe, expect, it } from 'vitest'
import { connectionFormSchema } from './connection-panel'

function check(token: string) {
  return connectionFormSchema.safeParse({ token, rememberForSession: false })
}

describe('connectionFormSchema', () => {
  it('keeps a pasted token without the spaces around it, a "Bearer " prefix allowed', () => {
    expect(check('  abc.def  ')).toMatchObject({ success: true, data: { token: 'abc.def' } })
    expect(check('Bearer abc.def').success).toBe(true)
  })

  it('asks for a token when none, or only spaces, was pasted', () => {
    expect(check('   ').error?.issues.map((issue) => issue.message)).toEqual([
      'Paste the API token you generated in the FanReach Portal.',
    ])
  })

  it('refuses a token with a space inside it', () => {
    expect(check('abc def').error?.issues.map((issue) => issue.message)).toEqual([
      'A token has no spaces in it. Copy it again from the FanReach Portal.',
    ])
  })
})
