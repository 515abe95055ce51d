// @vitest-environment jsdom
// The batch flow without the page: the hook over a split's prepared batch (its bodies and diffs
// as the worker gives them), with the console's server and FanPass answered by a stubbed fetch.
import { Blob as NodeBlob } from 'node:buffer'
import { notifications } from '@mantine/notifications'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IngestError } from '../../../lib/ingest/ingest-error'
import { forgetToken, setToken } from '../../../lib/session-token'
import type { TeamRecord } from '../../../lib/team-history-record'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import type { ReplaceSegmentInput } from '../api/replace-segment'
import { aSourceSummary } from '../testing/source-summary-builder'
import type { PreparedSegment } from '../worker/types'
import {
  noLongerInSplitSentence,
  useBatchUploadFlow,
  type BatchUploadFlow,
  type BatchSources,
} from './use-batch-upload-flow'

interface Received {
  method: string
  path: string
  body: string
  headers: Record<string, string>
}

/** The split's lists, by tag, as the worker holds them now: what it prepares and compares. */
const splitAtFirst: Record<string, string[]> = {
  planFullSeason: ['1', '2', '3'],
  planHalfSeason: ['4', '5'],
  planFlex: ['6'],
}
let lists: Record<string, string[]> = { ...splitAtFirst }

function prepared(tag: string): PreparedSegment {
  const userIds = lists[tag] ?? []
  const title = `Plan: ${tag.slice(4)}`
  return {
    value: tag.slice(4),
    tag,
    title,
    idCount: userIds.length,
    body: new Blob([JSON.stringify({ title, tag, sourceType: 0, notes: '', userIds })]),
  }
}

/** As the worker diffs a tag's list in the batch against a kept list. */
async function diffSegmentAgainst(tag: string, kept: ArrayBuffer) {
  const previous = new Set(JSON.parse(new TextDecoder().decode(kept)) as string[])
  const next = new Set(lists[tag])
  const unchanged = [...next].filter((id) => previous.has(id)).length
  return {
    added: next.size - unchanged,
    removed: previous.size - unchanged,
    unchanged,
    previousSize: previous.size,
  }
}

interface Team {
  /** The team's last version of each tag, with its kept list. */
  latest: Record<string, { record: TeamRecord; ids: string[] }>
  /** FanPass's status for the first send of a tag (200 by default). */
  firstStatus?: Record<string, number>
  /** Tags a colleague replaced after the confirmation opened: their first send gets the 409. */
  replacedMeanwhile?: string[]
  /** Holds FanPass's answer to a send of `tag` until it resolves (no gate: answered at once). */
  gate?: (tag: string) => Promise<void>
}

function stubServer(team: Team) {
  const received: Received[] = []
  const sentOnce = new Set<string>()
  vi.stubGlobal('fetch', async (input: string | URL, init: RequestInit = {}) => {
    const path = new URL(String(input), 'http://console.test').pathname
    const body = init.body instanceof Blob ? await init.body.text() : String(init.body ?? '')
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    )
    received.push({ method: init.method ?? 'GET', path, body, headers })
    const json = (value: unknown, status = 200, extra: Record<string, string> = {}) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json', ...extra },
      })
    if (path === '/console/config') return json({ target: 'sandbox', host: 'fanpass.test' })
    const latestTag = /^\/console\/history\/tags\/([^/]+)\/latest$/.exec(path)?.[1]
    if (latestTag) return json({ record: team.latest[latestTag]?.record ?? null })
    const idsOf = /^\/console\/history\/records\/([^/]+)\/ids$/.exec(path)?.[1]
    if (idsOf) {
      const kept = Object.values(team.latest).find(({ record }) => record.id === idsOf)
      return new Response(JSON.stringify(kept?.ids ?? []))
    }
    if (path === '/api/v1/segments') {
      const { tag } = JSON.parse(body) as { tag: string }
      await team.gate?.(tag)
      const first = !sentOnce.has(tag)
      sentOnce.add(tag)
      if (first && team.replacedMeanwhile?.includes(tag)) {
        const record = aTeamRecord({
          id: `rec-sam-${tag}`,
          tag,
          actorName: 'Sam Roe',
          userIdCount: 8,
        })
        const sentence = 'Sam Roe replaced this tag after you compared it.'
        return json(
          {
            status: 409,
            conflict: 'newer-version',
            sentence,
            errors: [sentence],
            actorName: 'Sam Roe',
            record,
          },
          409,
        )
      }
      const status = first ? (team.firstStatus?.[tag] ?? 200) : 200
      if (status !== 200) {
        return json({ status, correlationId: `corr-fail-${tag}`, errors: ['Try later'] }, status)
      }
      return json(
        { status: 200, correlationId: `corr-${tag}`, messages: [`Segment ${tag} queued`] },
        200,
        { 'x-console-history': 'recorded', 'x-console-record-id': `rec-new-${tag}` },
      )
    }
    if (path.endsWith('/annotations')) return json({ ok: true })
    return new Response('{}', { status: 404 })
  })
  const sends = () =>
    received
      .filter((request) => request.path === '/api/v1/segments')
      .map((request) => ({
        tag: (JSON.parse(request.body) as { tag: string }).tag,
        compared: request.headers['x-console-compared-record'],
        batch: request.headers['x-console-batch'],
      }))
  return { received, sends }
}

function wrapper({ children }: { children: ReactNode }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}

/** A file the page read, as History records it beside a send. */
function readFile(name: string): BatchSources['sources'][number] {
  return {
    status: 'ready',
    sourceId: name,
    name,
    summary: aSourceSummary({ sourceId: name, name }),
  }
}

/** Presses "Upload N segments" and waits until every tag of the confirmation is compared. */
async function openComparedConfirmation(result: { current: BatchUploadFlow }): Promise<void> {
  act(() => result.current.openBatchConfirmation())
  await waitFor(() =>
    expect(result.current.confirmation?.rows.every((row) => row.previous !== undefined)).toBe(true),
  )
}

function renderBatchFlow(
  prepareBatch: BatchSources['prepareBatch'],
  read: BatchSources['sources'] = [],
  onAccepted?: () => void,
) {
  return renderHook(
    ({ files }) => {
      const form = useForm<ReplaceSegmentInput>({
        defaultValues: { title: '', tag: '', sourceType: 0, notes: 'week 49', userIdCount: 0 },
      })
      return useBatchUploadFlow(
        { sources: files, prepareBatch, diffSegmentAgainst },
        form,
        onAccepted,
      )
    },
    { wrapper, initialProps: { files: read } },
  )
}

/** The ticked segments of the split as it is now, in table order. */
const threePlans = vi.fn(async () => ({
  segments: Object.keys(lists).map(prepared),
}))

const fullSeasonBefore = {
  record: aTeamRecord({ id: 'rec-full', tag: 'planFullSeason', userIdCount: 2 }),
  ids: ['1', '9'],
}
const halfSeasonBefore = {
  record: aTeamRecord({ id: 'rec-half', tag: 'planHalfSeason', userIdCount: 2 }),
  ids: ['4', '5'],
}

const show = vi.spyOn(notifications, 'show')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(() => {
  setToken('secret-token')
  // jsdom's Blob cannot be read as text by the stubbed fetch; a browser's can, as Node's can.
  vi.stubGlobal('Blob', NodeBlob)
})
afterEach(() => {
  lists = { ...splitAtFirst }
  forgetToken()
  vi.unstubAllGlobals()
  show.mockClear()
  threePlans.mockClear()
  document.body.replaceChildren()
})

describe('useBatchUploadFlow', () => {
  it('shows each tag’s change, sends them with their own compared version and one batch, and gives the focus back', async () => {
    const { sends } = stubServer({
      latest: { planFullSeason: fullSeasonBefore, planHalfSeason: halfSeasonBefore },
    })
    const { result, unmount } = renderBatchFlow(threePlans)
    const button = document.createElement('button')
    document.body.append(button)
    button.focus()

    act(() => result.current.openBatchConfirmation())

    await waitFor(() =>
      expect(result.current.confirmation?.rows.every((row) => row.previous !== undefined)).toBe(
        true,
      ),
    )
    expect(threePlans).toHaveBeenCalledWith({ sourceType: 0, notes: 'week 49' })
    expect(
      result.current.confirmation?.rows.map(({ segment, previous }) => [
        segment.tag,
        previous && { added: previous.added, removed: previous.removed },
      ]),
    ).toEqual([
      ['planFullSeason', { added: 2, removed: 1 }],
      ['planHalfSeason', { added: 0, removed: 0 }],
      ['planFlex', null],
    ])

    act(() => result.current.confirmation?.onConfirm())

    await waitFor(() => expect(result.current.sending).toBe(false))
    const sent = sends()
    expect(sent.map(({ tag, compared }) => [tag, compared])).toEqual([
      ['planFullSeason', 'rec-full'],
      ['planHalfSeason', 'rec-half'],
      ['planFlex', 'none'],
    ])
    expect(new Set(sent.map(({ batch }) => batch)).size).toBe(1)
    expect(sent[0]?.batch).toMatch(UUID)
    expect(
      result.current.progress?.lines.map((line) => [line.sentence, line.result?.correlationId]),
    ).toEqual([
      ['Segment planFullSeason replaced. FanPass accepted the request.', 'corr-planFullSeason'],
      ['Segment planHalfSeason replaced. FanPass accepted the request.', 'corr-planHalfSeason'],
      ['Segment planFlex replaced. FanPass accepted the request.', 'corr-planFlex'],
    ])
    expect(result.current.announcement?.text).toBe('All 3 segments replaced.')
    expect(result.current.retryFailed).toBeNull()
    expect(document.activeElement).toBe(button)
    unmount()
  })

  it("sends two at a time, never more, and keeps each line in the batch's order whatever FanPass answers first", async () => {
    lists = { planA: ['1'], planB: ['2'], planC: ['3'], planD: ['4'], planE: ['5'] }
    /** Sends FanPass has received and not answered yet, by tag, in the order received. */
    const onTheirWay = new Map<string, () => void>()
    let most = 0
    const { sends } = stubServer({
      latest: {},
      gate: (tag) =>
        new Promise((resolve) => {
          onTheirWay.set(tag, resolve)
          most = Math.max(most, onTheirWay.size)
        }),
    })
    const answer = (tag: string) =>
      act(() => {
        onTheirWay.get(tag)?.()
        onTheirWay.delete(tag)
      })
    const held = () => [...onTheirWay.keys()]
    const { result, unmount } = renderBatchFlow(threePlans)
    await openComparedConfirmation(result)
    act(() => result.current.confirmation?.onConfirm())

    await waitFor(() => expect(held()).toEqual(['planA', 'planB']))
    expect(result.current.progress?.lines.map((line) => line.status)).toEqual([
      'sending',
      'sending',
      'waiting',
      'waiting',
      'waiting',
    ])
    // B answers before A: C takes B's place while A is still on its way.
    answer('planB')
    await waitFor(() => expect(held()).toEqual(['planA', 'planC']))
    answer('planC')
    await waitFor(() => expect(held()).toEqual(['planA', 'planD']))
    answer('planA')
    await waitFor(() => expect(held()).toEqual(['planD', 'planE']))
    answer('planE')
    answer('planD')
    await waitFor(() => expect(result.current.sending).toBe(false))

    expect(most).toBe(2)
    expect(sends().map(({ tag }) => tag)).toEqual(['planA', 'planB', 'planC', 'planD', 'planE'])
    expect(
      result.current.progress?.lines.map((line) => [line.segment.tag, line.result?.correlationId]),
    ).toEqual([
      ['planA', 'corr-planA'],
      ['planB', 'corr-planB'],
      ['planC', 'corr-planC'],
      ['planD', 'corr-planD'],
      ['planE', 'corr-planE'],
    ])
    expect(result.current.announcement?.text).toBe('All 5 segments replaced.')
    unmount()
  })

  it('leaves the others sent when one fails, and Retry sends only that one, in the same batch', async () => {
    const { sends } = stubServer({
      latest: { planFullSeason: fullSeasonBefore },
      firstStatus: { planHalfSeason: 503 },
    })
    const accepted = vi.fn()
    const { result, unmount } = renderBatchFlow(threePlans, [], accepted)
    await openComparedConfirmation(result)
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.failedCount).toBe(1))
    await waitFor(() => expect(result.current.sending).toBe(false))

    const halfSeason = result.current.progress?.lines[1]
    expect(halfSeason?.sentence).toMatch(
      /^Segment planHalfSeason was not replaced\. FanPass had a problem \(HTTP 503\)\./,
    )
    expect(halfSeason?.result?.correlationId).toBe('corr-fail-planHalfSeason')
    expect(result.current.announcement?.text).toBe('2 of 3 segments replaced; 1 was not.')
    expect(sends()).toHaveLength(3)
    // Told of each tag FanPass accepted, never of the one it refused.
    expect(accepted).toHaveBeenCalledTimes(2)

    act(() => result.current.retryFailed?.())

    await waitFor(() => expect(result.current.failedCount).toBe(0))
    await waitFor(() => expect(result.current.sending).toBe(false))
    const [first, , , retried] = sends()
    expect(sends()).toHaveLength(4)
    expect(retried).toEqual({ tag: 'planHalfSeason', compared: 'none', batch: first?.batch })
    expect(result.current.progress?.lines.map((line) => line.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ])
    unmount()
  })

  it('says in its line when a colleague replaced a tag meanwhile, sends nothing for it, and compares it again', async () => {
    const { sends } = stubServer({
      latest: { planFullSeason: fullSeasonBefore },
      replacedMeanwhile: ['planFullSeason'],
    })
    const { result, unmount } = renderBatchFlow(threePlans)
    await openComparedConfirmation(result)
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.changedCount).toBe(1))
    await waitFor(() => expect(result.current.sending).toBe(false))

    expect(result.current.progress?.lines[0]?.sentence).toMatch(
      /^Sam Roe replaced this tag at .+, after you opened this \(now 8 IDs\): compare again\. Nothing was sent\.$/,
    )
    expect(result.current.failedCount).toBe(0)
    expect(result.current.retryFailed).toBeNull()

    act(() => result.current.compareChangedAgain?.())

    await waitFor(() =>
      expect(result.current.confirmation?.rows.map((row) => row.segment.tag)).toEqual([
        'planFullSeason',
      ]),
    )
    await waitFor(() => expect(result.current.confirmation?.rows[0]?.previous).toBeTruthy())
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.changedCount).toBe(0))
    expect(sends().map(({ tag }) => tag)).toEqual([
      'planFullSeason',
      'planHalfSeason',
      'planFlex',
      'planFullSeason',
    ])
    unmount()
  })

  it('prepares again what it compares again: a split edited since the batch went sends its new list', async () => {
    const { received, sends } = stubServer({
      latest: { planFullSeason: fullSeasonBefore },
      replacedMeanwhile: ['planFullSeason'],
    })
    const { result, unmount } = renderBatchFlow(threePlans)
    await openComparedConfirmation(result)
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.changedCount).toBe(1))
    await waitFor(() => expect(result.current.sending).toBe(false))
    // The marketer edits the split (a condition, another source…) before comparing again.
    lists = { ...lists, planFullSeason: ['1', '2', '3', '7'] }

    act(() => result.current.compareChangedAgain?.())

    await waitFor(() => expect(result.current.confirmation?.rows[0]?.previous).toBeTruthy())
    const [row] = result.current.confirmation?.rows ?? []
    expect(row?.segment.idCount).toBe(4)
    expect(row?.previous).toMatchObject({ added: 3, removed: 1 })
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.changedCount).toBe(0))
    expect(sends().map(({ tag }) => tag)).toEqual([
      'planFullSeason',
      'planHalfSeason',
      'planFlex',
      'planFullSeason',
    ])
    const sentAgain = received.filter((request) => request.path === '/api/v1/segments')[3]
    expect((JSON.parse(sentAgain?.body ?? '{}') as { userIds: string[] }).userIds).toEqual([
      '1',
      '2',
      '3',
      '7',
    ])
    unmount()
  })

  it('says so, and opens nothing, when the split no longer makes a tag to compare again', async () => {
    const { sends } = stubServer({
      latest: { planFullSeason: fullSeasonBefore },
      replacedMeanwhile: ['planFullSeason'],
    })
    const { result, unmount } = renderBatchFlow(threePlans)
    await openComparedConfirmation(result)
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.changedCount).toBe(1))
    await waitFor(() => expect(result.current.sending).toBe(false))
    // The marketer unticks Full Season (or renames its tag) before comparing again.
    lists = Object.fromEntries(Object.entries(lists).filter(([tag]) => tag !== 'planFullSeason'))

    act(() => result.current.compareChangedAgain?.())

    const sentence = noLongerInSplitSentence(['planFullSeason'])
    expect(sentence).toBe(
      'The split no longer makes planFullSeason: upload the segments again to send what it makes now.',
    )
    await waitFor(() => expect(show).toHaveBeenCalledWith({ color: 'red', message: sentence }))
    expect(result.current.announcement?.text).toBe(sentence)
    expect(result.current.confirmation).toBeNull()
    expect(sends()).toHaveLength(3)
    unmount()
  })

  it('records with a retry the files the batch was confirmed with, even when the page read others since', async () => {
    const { received } = stubServer({ latest: {}, firstStatus: { planHalfSeason: 503 } })
    const { result, rerender, unmount } = renderBatchFlow(threePlans, [readFile('week-49.csv')])
    await openComparedConfirmation(result)
    act(() => result.current.confirmation?.onConfirm())
    await waitFor(() => expect(result.current.failedCount).toBe(1))
    await waitFor(() => expect(result.current.sending).toBe(false))
    rerender({ files: [readFile('week-50.csv')] })

    act(() => result.current.retryFailed?.())

    await waitFor(() => expect(result.current.failedCount).toBe(0))
    await waitFor(() => expect(result.current.sending).toBe(false))
    const recorded = received
      .filter((request) => request.path.endsWith('/annotations'))
      .map((request) => (JSON.parse(request.body) as { files: { name: string }[] }).files)
    expect(recorded.map((files) => files.map(({ name }) => name))).toEqual([
      ['week-49.csv'],
      ['week-49.csv'],
      ['week-49.csv'],
    ])
    unmount()
  })

  it('asks for the token instead of preparing the batch when there is none', async () => {
    const { received } = stubServer({ latest: {} })
    forgetToken()
    const { result, unmount } = renderBatchFlow(threePlans)

    act(() => result.current.openBatchConfirmation())

    await waitFor(() =>
      expect(show).toHaveBeenCalledWith({
        color: 'red',
        message: 'Paste your API token under Connection before uploading.',
      }),
    )
    expect(threePlans).not.toHaveBeenCalled()
    expect(result.current.confirmation).toBeNull()
    expect(received.some((request) => request.path.startsWith('/console/history'))).toBe(false)
    unmount()
  })

  it('says why the split cannot be sent, and opens nothing', async () => {
    stubServer({ latest: {} })
    const sentence = 'The tags planA and plana differ only in case: make each tag unique.'
    const { result, unmount } = renderBatchFlow(async () => {
      throw new IngestError('invalid-request', sentence)
    })

    act(() => result.current.openBatchConfirmation())

    await waitFor(() => expect(show).toHaveBeenCalledWith({ color: 'red', message: sentence }))
    expect(result.current.announcement?.text).toBe(sentence)
    expect(result.current.confirmation).toBeNull()
    unmount()
  })
})
