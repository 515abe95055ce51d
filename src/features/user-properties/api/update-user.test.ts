// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sendUpdateUser } from './update-user'

afterEach(() => {
  vi.unstubAllGlobals()
})

function captureFetch(): { bodies: string[] } {
  const sent = { bodies: [] as string[] }
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: URL, init: RequestInit) => {
      sent.bodies.push(String(init.body))
      return Promise.resolve(
        new Response(JSON.stringify({ status: 200, messages: ['Updated 1 user'] }), {
          status: 200,
        }),
      )
    }),
  )
  return sent
}

describe('sendUpdateUser', () => {
  it('sends the user IDs and properties, a "__proto__" key included, as FanPass expects them', async () => {
    const sent = captureFetch()
    const userProperties = JSON.parse('{"__proto__":"gold","tier":"silver"}') as Record<
      string,
      string
    >
    const result = await sendUpdateUser({ userIds: ['u1', 'u2'], userProperties }, 'token')
    expect(result.kind).toBe('succeeded')
    expect(sent.bodies.map((body) => JSON.parse(body) as unknown)).toEqual([
      JSON.parse('{"userIds":["u1","u2"],"userProperties":{"__proto__":"gold","tier":"silver"}}'),
    ])
  })

  it('refuses, in sentences and without sending, a request with no one to update and nothing to set', async () => {
    const sent = captureFetch()
    await expect(sendUpdateUser({ userIds: [], userProperties: {} }, 'token')).rejects.toThrow(
      'Add at least one user ID: FanPass needs to know whom to update. Add at least one property that FanPass will accept: a request without one changes nothing.',
    )
    expect(sent.bodies).toEqual([])
  })

  it('refuses an empty user ID', async () => {
    const sent = captureFetch()
    await expect(
      sendUpdateUser({ userIds: ['u1', ''], userProperties: { tier: 'gold' } }, 'token'),
    ).rejects.toThrow('A user ID cannot be empty.')
    expect(sent.bodies).toEqual([])
  })
})
