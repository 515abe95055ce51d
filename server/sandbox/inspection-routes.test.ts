import { describe, expect, it } from 'vitest'
import type { Envelope } from '../testing/api-calls.ts'
import { bearer, getJson, postJson, useSandbox } from '../testing/api-calls.ts'
import { UUID_PATTERN, validSandboxJwt } from '../testing/http-fixtures.ts'
import { readRegisteredAttributes } from './build-sandbox.ts'
import type { RequestLogEntry } from './store.ts'

const sandbox = useSandbox()

describe('sandbox inspection routes', () => {
  it('logs every API request with its outcome but never the token', async () => {
    const token = validSandboxJwt()
    await postJson(
      `${sandbox.url}/api/v1/segments`,
      { title: 'A', tag: 'logged', userIds: ['1', '2', '3'] },
      bearer(token),
    )
    await postJson(`${sandbox.url}/api/v1/update_user?debug=1`, { userIds: ['1'] }, bearer(token))
    await postJson(
      `${sandbox.url}/api/v1/segments`,
      { title: 'A', tag: 'x', userIds: ['1'] },
      { authorization: `Bearer ${token}x.y` },
    )
    await fetch(`${sandbox.url}/api/v2/segments`, { headers: bearer(token) })

    const response = await fetch(`${sandbox.url}/__sandbox/requests`)
    const text = await response.text()
    const { requests } = JSON.parse(text) as { requests: RequestLogEntry[] }

    expect(
      requests.map(({ method, path, status, userIdCount }) => ({
        method,
        path,
        status,
        userIdCount,
      })),
    ).toEqual([
      { method: 'POST', path: '/api/v1/segments', status: 200, userIdCount: 3 },
      { method: 'POST', path: '/api/v1/update_user', status: 400, userIdCount: 1 },
      { method: 'POST', path: '/api/v1/segments', status: 401, userIdCount: 1 },
      { method: 'GET', path: '/api/v2/segments', status: 404, userIdCount: 0 },
    ])
    for (const entry of requests) {
      expect(entry.correlationId).toMatch(UUID_PATTERN)
      expect(Number.isNaN(Date.parse(entry.receivedAt))).toBe(false)
    }
    for (const part of token.split('.')) expect(text).not.toContain(part)
  })

  it('forgets segments, users and the log on reset', async () => {
    await postJson(
      `${sandbox.url}/api/v1/segments`,
      { title: 'A', tag: 'gone', userIds: ['1'] },
      bearer(),
    )
    await postJson(
      `${sandbox.url}/api/v1/update_user`,
      { userIds: ['5'], userProperties: { vip_level: 'gold' } },
      bearer(),
    )
    expect((await fetch(`${sandbox.url}/__sandbox/segments/gone`)).status).toBe(200)
    expect((await fetch(`${sandbox.url}/__sandbox/users/5`)).status).toBe(200)

    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200)

    expect((await fetch(`${sandbox.url}/__sandbox/segments/gone`)).status).toBe(404)
    expect((await fetch(`${sandbox.url}/__sandbox/users/5`)).status).toBe(404)
    expect(
      (await getJson<{ requests: unknown[] }>(`${sandbox.url}/__sandbox/requests`)).body.requests,
    ).toEqual([])
  })

  it('lists every user with stored properties in one answer', async () => {
    await postJson(
      `${sandbox.url}/api/v1/update_user`,
      { userIds: ['7', 'a/b c'], userProperties: { vip_level: 'gold' } },
      bearer(),
    )
    const answer = await getJson<{ users: { id: string; properties: unknown }[] }>(
      `${sandbox.url}/__sandbox/users`,
    )
    expect(answer.status).toBe(200)
    expect(answer.body.users.map(({ id, properties }) => ({ id, properties }))).toEqual([
      { id: '7', properties: { vip_level: 'gold' } },
      { id: 'a/b c', properties: { vip_level: 'gold' } },
    ])
  })

  it('finds users whose IDs need escaping in a URL', async () => {
    await postJson(
      `${sandbox.url}/api/v1/update_user`,
      { userIds: ['a/b c'], userProperties: { vip_level: 'gold' } },
      bearer(),
    )
    const user = await getJson<{ id: string }>(
      `${sandbox.url}/__sandbox/users/${encodeURIComponent('a/b c')}`,
    )
    expect(user.body.id).toBe('a/b c')
  })

  it('lists the attribute names it treats as registered, as update_user checks them', async () => {
    const answer = await getJson<{ registeredAttributes: string[] }>(
      `${sandbox.url}/__sandbox/registered-attributes`,
    )
    expect(answer.status).toBe(200)
    const { registeredAttributes } = answer.body
    expect(registeredAttributes).toEqual(readRegisteredAttributes())
    expect(registeredAttributes).toContain('favourite_team')
  })

  it('answers unknown routes with a 404 envelope', async () => {
    const answer = await getJson<Envelope>(`${sandbox.url}/__sandbox/segments/nothingHere`)
    expect(answer.status).toBe(404)
    expect(answer.body.errors).toEqual(['The sandbox has no segment with tag nothingHere.'])
  })
})
