// @vitest-environment jsdom
// (a page's environment: TanStack Query schedules a refetch interval only where there is a window)
// A split's confirmation compares every tag with the team history; the page reads at most
// HISTORY_READS_AT_ONCE of them at a time, however many tags, and none for a closed confirmation.
import { QueryClient, QueryObserver } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetToken, setToken } from '../../../lib/session-token'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { previousSplitUploadQueryOptions } from './previous-split-upload'
import {
  HISTORY_READS_AT_ONCE,
  previousUploadQueryOptions,
  STILL_STORING_RECHECKS,
} from './previous-upload'

/** History reads received and not answered yet, by tag, in the order received. */
const onTheirWay = new Map<string, () => void>()
let most = 0
const read: string[] = []

beforeEach(() => {
  setToken('secret-token')
  vi.stubGlobal('fetch', async (input: string | URL) => {
    const tag = /\/tags\/([^/]+)\/latest$/.exec(String(input))?.[1] ?? ''
    read.push(tag)
    await new Promise<void>((resolve) => {
      onTheirWay.set(tag, resolve)
      most = Math.max(most, onTheirWay.size)
    })
    return new Response(JSON.stringify({ record: null }), {
      headers: { 'content-type': 'application/json' },
    })
  })
})
afterEach(() => {
  forgetToken()
  vi.unstubAllGlobals()
  onTheirWay.clear()
  read.length = 0
  most = 0
})

const answer = (tag: string) => {
  onTheirWay.get(tag)?.()
  onTheirWay.delete(tag)
}
const held = () => [...onTheirWay.keys()]
const noDiff = async () => ({ added: 0, removed: 0, unchanged: 0, previousSize: 0 })

describe('previousUploadQueryOptions', () => {
  it('reads at most 4 tags from the team history at a time, in the order asked', async () => {
    expect(HISTORY_READS_AT_ONCE).toBe(4)
    const queryClient = new QueryClient()
    const tags = Array.from({ length: 30 }, (_, index) => `seat${index + 1}`)
    const compared = Promise.all(
      tags.map((tag) => queryClient.fetchQuery(previousUploadQueryOptions(noDiff, tag, 'batch:1'))),
    )
    await vi.waitFor(() => expect(held()).toEqual(['seat1', 'seat2', 'seat3', 'seat4']))
    // An answer lets the next tag in: never a fifth read at once.
    answer('seat3')
    await vi.waitFor(() => expect(held()).toEqual(['seat1', 'seat2', 'seat4', 'seat5']))
    for (const tag of tags.filter((name) => name !== 'seat3')) {
      await vi.waitFor(() => expect(held()).toContain(tag))
      answer(tag)
    }
    expect(await compared).toEqual(tags.map(() => null))
    expect(most).toBe(HISTORY_READS_AT_ONCE)
    expect(read).toEqual(tags)
  })

  it('never reads a tag whose comparison was cancelled while it waited its turn', async () => {
    const queryClient = new QueryClient()
    const tags = ['a', 'b', 'c', 'd', 'e']
    const compared = tags.map((tag) =>
      queryClient
        .fetchQuery(previousUploadQueryOptions(noDiff, tag, 'batch:2'))
        .catch(() => 'cancelled'),
    )
    await vi.waitFor(() => expect(held()).toEqual(['a', 'b', 'c', 'd']))
    await queryClient.cancelQueries({
      queryKey: previousUploadQueryOptions(noDiff, 'e', 'batch:2').queryKey,
    })
    for (const tag of ['a', 'b', 'c', 'd']) answer(tag)
    expect(await Promise.all(compared)).toEqual([null, null, null, null, 'cancelled'])
    expect(read).toEqual(['a', 'b', 'c', 'd'])
  })

  it("never makes a confirmation's reads wait behind the split table's", async () => {
    const queryClient = new QueryClient()
    const table = ['t1', 't2', 't3', 't4', 't5'].map((tag) =>
      queryClient.fetchQuery(previousSplitUploadQueryOptions(noDiff, tag, 1)),
    )
    await vi.waitFor(() => expect(held()).toEqual(['t1', 't2', 't3', 't4']))
    const confirmation = queryClient.fetchQuery(previousUploadQueryOptions(noDiff, 'c1', 'batch:3'))
    await vi.waitFor(() => expect(held()).toEqual(['t1', 't2', 't3', 't4', 'c1']))
    for (const tag of ['c1', 't1', 't2', 't3', 't4']) answer(tag)
    await vi.waitFor(() => expect(held()).toEqual(['t5']))
    answer('t5')
    expect(await Promise.all([confirmation, ...table])).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ])
  })
})

describe('a comparison whose last list is still being stored', () => {
  it('says so, then asks again by itself and shows the change once the list is kept', async () => {
    const states = ['storing', 'storing', 'kept'] as const
    const asked: string[] = []
    vi.stubGlobal('fetch', async (input: string | URL) => {
      const path = String(input)
      asked.push(path)
      if (path.endsWith('/ids')) return new Response('["1","2"]')
      const listState = states[Math.min(asked.length - 1, states.length - 1)]
      return Response.json({ record: aTeamRecord({ listState }) })
    })
    const diff = vi.fn(async (kept: ArrayBuffer) => ({
      added: 1,
      removed: 0,
      unchanged: new TextDecoder().decode(kept) === '["1","2"]' ? 2 : -1,
      previousSize: 2,
    }))
    const observer = new QueryObserver(
      new QueryClient(),
      previousUploadQueryOptions(diff, 'vip', 1),
    )
    const seen: string[] = []
    const unsubscribe = observer.subscribe((result) => {
      if (result.error) seen.push(result.error.message)
      if (result.data) seen.push(`${result.data.added} added, ${result.data.unchanged} unchanged`)
    })
    await vi.waitFor(() => expect(seen.at(-1)).toBe('1 added, 2 unchanged'), { timeout: 15_000 })
    unsubscribe()
    expect(new Set(seen)).toEqual(
      new Set([
        'The last upload of vip, by Jane Doe, is recorded, but its ID list is still being stored, so the console cannot show what changes yet.',
        '1 added, 2 unchanged',
      ]),
    )
    expect(asked.filter((path) => path.endsWith('/tags/vip/latest'))).toHaveLength(3)
  }, 30_000)

  it('stops asking after five minutes of a list stuck being stored, and still says so', async () => {
    vi.useFakeTimers()
    let reads = 0
    vi.stubGlobal('fetch', async () => {
      reads++
      return Response.json({ record: aTeamRecord({ listState: 'storing' }) })
    })
    const observer = new QueryObserver(
      new QueryClient(),
      previousUploadQueryOptions(noDiff, 'vip', 1),
    )
    const unsubscribe = observer.subscribe(() => undefined)
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000)
    const { error } = observer.getCurrentResult()
    unsubscribe()
    vi.useRealTimers()
    expect({ reads, error: error?.message }).toEqual({
      reads: STILL_STORING_RECHECKS + 1,
      error:
        'The last upload of vip, by Jane Doe, is recorded, but its ID list is still being stored, so the console cannot show what changes yet.',
    })
  })
})
