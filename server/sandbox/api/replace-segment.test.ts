import { describe, expect, it } from 'vitest'
import { bearer, getJson, postJson, useSandbox } from '../../testing/api-calls.ts'
import { UUID_PATTERN } from '../../testing/http-fixtures.ts'
import type { StoredSegment } from '../store.ts'

const sandbox = useSandbox()
const replace = (body: unknown) => postJson(`${sandbox.url}/api/v1/segments`, body, bearer())

describe('POST /api/v1/segments in the sandbox', () => {
  it('queues the list and stores it under the tag', async () => {
    const answer = await replace({
      title: 'Season ticket renewals',
      tag: 'renewals2025',
      userIds: ['0012345', '54321'],
      notes: 'March batch',
    })

    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.body.messages).toEqual(['Segment Season ticket renewals queued 2 for import'])
    expect(answer.body.errors).toEqual([])
    expect(answer.body.correlationId).toMatch(UUID_PATTERN)
    const stored = await getJson<StoredSegment>(`${sandbox.url}/__sandbox/segments/renewals2025`)
    expect(stored.body).toMatchObject({
      tag: 'renewals2025',
      title: 'Season ticket renewals',
      sourceType: 0,
      notes: 'March batch',
      userIds: ['0012345', '54321'],
    })
  })

  it('replaces the whole member list when the tag is sent again', async () => {
    await replace({ title: 'VIPs', tag: 'vips', userIds: ['1', '2', '3'], sourceType: 2 })
    const second = await replace({ title: 'VIPs (April)', tag: 'vips', userIds: ['3', '4'] })

    expect(second.body.messages).toEqual(['Segment VIPs (April) queued 2 for import'])
    const stored = await getJson<StoredSegment>(`${sandbox.url}/__sandbox/segments/vips`)
    expect(stored.body.userIds).toEqual(['3', '4'])
    expect(stored.body.title).toBe('VIPs (April)')
    expect(stored.body.sourceType).toBe(0)
    expect(stored.body.notes).toBeNull()
  })

  it.each([
    [
      ['0012345'],
      'The request body must be a JSON object with title, tag and userIds, but it is a list.',
    ],
    [{}, 'Missing required fields: title, tag, userIds'],
    [{ title: 'A', tag: 'a' }, 'Missing required fields: userIds'],
    [{ title: 'A', tag: 'a', userIds: [] }, 'Missing required fields: userIds'],
    [{ title: '  ', tag: 'a', userIds: ['1'] }, 'Missing required fields: title'],
    [{ tag: null, userIds: ['1'] }, 'Missing required fields: title, tag'],
  ])('names exactly the missing fields for %j', async (body, sentence) => {
    const answer = await replace(body)
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toEqual([sentence])
    expect(answer.body.messages).toEqual([])
  })

  it.each([
    [{ tag: 'user group' }, 'The tag "user group" may contain only letters and digits'],
    [{ tag: 'group-1' }, 'The tag "group-1" may contain only letters and digits'],
    [{ tag: 7 }, 'The tag must be text, but it is a number.'],
    [{ sourceType: 5 }, 'sourceType must be a whole number from 0 to 4'],
    [{ sourceType: 1.5 }, 'sourceType must be a whole number from 0 to 4'],
    [{ sourceType: '0' }, 'sourceType must be a whole number from 0 to 4'],
    [{ userIds: ['1', 2, '3'] }, 'userIds must contain only text values in quotes: 1 entry is not'],
    [{ userIds: '1,2,3' }, 'userIds must be a list of user IDs in square brackets'],
    [{ title: 42 }, 'The title must be text, but it is a number.'],
    [{ notes: ['x'] }, 'notes must be text, but it is a list.'],
  ])('rejects %j with a sentence and stores nothing', async (override, sentence) => {
    const answer = await replace({ title: 'A', tag: 'goodTag', userIds: ['1'], ...override })

    expect(answer.status).toBe(400)
    expect(answer.body.errors).toHaveLength(1)
    expect(answer.body.errors[0]).toContain(sentence)
    const stored = await fetch(`${sandbox.url}/__sandbox/segments/goodTag`)
    expect(stored.status).toBe(404)
  })

  it('accepts every documented sourceType', async () => {
    for (const sourceType of [0, 1, 2, 3, 4]) {
      const answer = await replace({
        title: 'S',
        tag: `s${sourceType}`,
        userIds: ['1'],
        sourceType,
      })
      expect(answer.status).toBe(200)
    }
  })

  it('answers malformed JSON with 400 and a sentence', async () => {
    const answer = await replace('{"title": "A", "tag": ')
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0]).toMatch(/^The request body is not valid JSON/)
  })

  it('asks for JSON when the body is sent as another type', async () => {
    const response = await fetch(`${sandbox.url}/api/v1/segments`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...bearer() },
      body: 'id\n1',
    })
    const body = (await response.json()) as { errors: string[] }

    expect(response.status).toBe(415)
    expect(body.errors).toEqual([
      'Send the request body as JSON, with the header Content-Type: application/json.',
    ])
  })

  it('takes a body of a million IDs', async () => {
    const userIds = Array.from({ length: 1_000_000 }, (_, index) => String(100_000_000 + index))
    const answer = await replace({ title: 'Everyone', tag: 'everyone', userIds })
    expect(answer.body.messages).toEqual(['Segment Everyone queued 1000000 for import'])
  })
})
