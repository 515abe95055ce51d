import { describe, expect, it } from 'vitest'
import { getJson, postJson, useSandbox } from '../testing/api-calls.ts'
import { fakeJwt } from '../testing/http-fixtures.ts'
import { UNAUTHORIZED_SENTENCE } from './auth.ts'

const sandbox = useSandbox()
const segment = { title: 'A', tag: 'authCheck', userIds: ['1'] }
const nowSeconds = () => Math.floor(Date.now() / 1000)

describe('sandbox authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a token that is not a JWT', 'Bearer an-invalid-token'],
    ['a JWT whose exp has passed', `Bearer ${fakeJwt({ sub: 'm', exp: nowSeconds() - 60 })}`],
    ['a JWT whose payload is not JSON', `Bearer ${fakeJwt({}).split('.')[0]}.bm90LWpzb24.c2ln`],
    ['a JWT without the Bearer scheme', fakeJwt({ sub: 'm' })],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with the collection sentence and stores nothing', async (_case, header) => {
    const answer = await postJson(
      `${sandbox.url}/api/v1/segments`,
      segment,
      header === undefined ? {} : { authorization: header },
    )

    expect(answer.status).toBe(401)
    expect(answer.body.errors).toEqual([UNAUTHORIZED_SENTENCE])
    expect((await fetch(`${sandbox.url}/__sandbox/segments/authCheck`)).status).toBe(404)
  })

  it.each([
    ['an HS256 JWT with a future exp', fakeJwt({ sub: 'm', exp: nowSeconds() + 60 })],
    [
      'an unsigned JWT without exp',
      fakeJwt({ sub: 'm' }, { alg: 'none', typ: 'JWT' }).replace(/\.[^.]*$/, '.'),
    ],
  ])('accepts %s (signatures cannot be checked)', async (_case, token) => {
    const answer = await postJson(`${sandbox.url}/api/v1/segments`, segment, {
      authorization: `Bearer ${token}`,
    })
    expect(answer.status).toBe(200)
  })

  it('hands out a demo token that lasts 8 hours and is accepted', async () => {
    const { body } = await getJson<{ token: string }>(`${sandbox.url}/__sandbox/token`)
    const [header = '', payload = ''] = body.token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      number
    >

    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    })
    expect(claims).toMatchObject({ sub: 'sandbox-marketer', name: 'Sandbox Marketer' })
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 60 * 60)
    const answer = await postJson(`${sandbox.url}/api/v1/segments`, segment, {
      authorization: `Bearer ${body.token}`,
    })
    expect(answer.status).toBe(200)
  })
})
