import http from 'node:http'
import { describe, expect, it } from 'vitest'
import type { Envelope } from '../testing/api-calls.ts'
import { bearer, getJson, postJson, useSandbox } from '../testing/api-calls.ts'
import type { RequestLogEntry } from './store.ts'

const sandbox = useSandbox()
const segment = (tag: string) => ({ title: 'Faulty', tag, userIds: ['1', '2'] })
const replace = (tag: string) => postJson(`${sandbox.url}/api/v1/segments`, segment(tag), bearer())
const addFault = (fault: object) =>
  postJson<{ faults: unknown[] }>(`${sandbox.url}/__sandbox/faults`, fault)
const segmentStatus = async (tag: string) =>
  (await fetch(`${sandbox.url}/__sandbox/segments/${tag}`)).status
const requestLog = async () =>
  (await getJson<{ requests: RequestLogEntry[] }>(`${sandbox.url}/__sandbox/requests`)).body
    .requests

describe('sandbox fault injection', () => {
  it('answers the next requests with the injected status and Retry-After, without applying them', async () => {
    expect((await addFault({ count: 2, status: 429, retryAfterSeconds: 30 })).status).toBe(201)

    const first = await replace('faultA')
    const second = await replace('faultB')
    const third = await replace('faultC')

    for (const answer of [first, second]) {
      expect(answer.status).toBe(429)
      expect(answer.headers.get('retry-after')).toBe('30')
      expect(answer.body.errors[0]).toContain('Retry after 30 seconds.')
    }
    expect(third.status).toBe(200)
    expect(await segmentStatus('faultA')).toBe(404)
    expect(await segmentStatus('faultB')).toBe(404)
    expect(await segmentStatus('faultC')).toBe(200)
    expect((await requestLog()).map((entry) => [entry.status, entry.fault])).toEqual([
      [429, 'status'],
      [429, 'status'],
      [200, null],
    ])
  })

  it('limits a fault to one path when asked', async () => {
    await addFault({ status: 503, path: '/api/v1/update_user' })

    expect((await replace('untouched')).status).toBe(200)
    const update = await postJson(
      `${sandbox.url}/api/v1/update_user`,
      { userIds: ['1'], userProperties: { vip_level: 'gold' } },
      bearer(),
    )
    expect(update.status).toBe(503)
  })

  it('delays a request, then handles it normally', async () => {
    await addFault({ delayMs: 400 })

    const started = performance.now()
    const answer = await replace('slow')

    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
    expect(answer.status).toBe(200)
    expect(await segmentStatus('slow')).toBe(200)
    expect((await requestLog())[0]?.fault).toBe('delay')
  })

  it('drops the connection without an answer and does not apply the request', async () => {
    await addFault({ drop: true })

    await expect(replace('dropped')).rejects.toThrow()
    expect(await segmentStatus('dropped')).toBe(404)
    const [entry] = await requestLog()
    expect(entry).toMatchObject({
      path: '/api/v1/segments',
      status: null,
      fault: 'drop',
      userIdCount: 2,
    })
  })

  it('forgets pending faults on DELETE and on reset', async () => {
    await addFault({ count: 5, status: 500 })
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })
    expect((await replace('afterDelete')).status).toBe(200)

    await addFault({ count: 5, status: 500 })
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })
    expect((await replace('afterReset')).status).toBe(200)
  })

  it.each([
    [{}, 'Give at least one of status, delayMs or drop: true.'],
    [{ status: 200 }, 'status'],
    [{ status: 500, path: '/api/v1/other' }, 'path'],
    [{ status: 500, colour: 'red' }, 'colour'],
  ])('refuses the fault %j with a 400', async (fault, fragment) => {
    const answer = await postJson<Envelope>(`${sandbox.url}/__sandbox/faults`, fault)
    expect(answer.status).toBe(400)
    expect(answer.body.errors.join(' ')).toContain(fragment)
  })

  it('keeps answering other connections while one request is held by a delay', async () => {
    await addFault({ delayMs: 1_000 })
    const held = replace('held')
    const other = await new Promise<number>((resolve) => {
      http.get(`${sandbox.url}/__sandbox/requests`, (res) => resolve(res.statusCode ?? 0)).end()
    })
    expect(other).toBe(200)
    expect((await held).status).toBe(200)
  })
})
