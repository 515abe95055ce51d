// @vitest-environment jsdom
// The upload flow without the page: the hook over useIdSources and a real SegmentWorkspace at the
// end of a MessageChannel, with the console's server and FanPass answered by a stubbed fetch.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { notifications } from '@mantine/notifications'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { useMemo, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IngestError } from '../../../lib/ingest/ingest-error'
import { forgetToken, setToken } from '../../../lib/session-token'
import type { TeamRecord } from '../../../lib/team-history-record'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import type { SegmentFields } from '../domain/segment-fields'
import { suggestNotes } from '../domain/suggest-notes'
import { channelWorker } from '../testing/segment-worker-channel'
import type { PreparedUpload } from '../worker/types'
import { useIdSources, type IdSources } from './use-id-sources'
import { useSegmentUploadFlow } from './use-segment-upload-flow'

interface Received {
  method: string
  path: string
  body: string
  headers: Record<string, string>
}

/** A colleague's upload that lands after the confirmation opened, before Replace is pressed. */
interface ColleaguesUpload {
  record: TeamRecord
  keptJson: string
}

/**
 * The console's server and FanPass as the flow meets them; `received` is what they were sent.
 * With `colleague`, the first send is refused as the console's server does (409, nothing
 * forwarded) and the colleague's upload becomes the tag's last version.
 */
function stubServer(
  first: TeamRecord | null,
  firstKeptJson = '["1","9"]',
  colleague?: ColleaguesUpload,
) {
  const received: Received[] = []
  let latest = first
  let keptJson = firstKeptJson
  vi.stubGlobal('fetch', async (input: string | URL, init: RequestInit = {}) => {
    const path = new URL(String(input), 'http://console.test').pathname
    const method = init.method ?? 'GET'
    // The body may be a string or the Blob the worker built.
    const body = init.body instanceof Blob ? await init.body.text() : String(init.body ?? '')
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    )
    received.push({ method, path, body, headers })
    const json = (value: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(value), {
        status: 200,
        headers: { 'content-type': 'application/json', ...headers },
      })
    if (path === '/console/config') return json({ target: 'sandbox', host: 'fanpass.test' })
    if (path === '/console/history/tags/vip/latest') return json({ record: latest })
    if (path.endsWith('/ids')) return new Response(keptJson)
    if (path === '/api/v1/segments' && colleague && latest !== colleague.record) {
      latest = colleague.record
      keptJson = colleague.keptJson
      const sentence = 'Sam Roe replaced this tag after you compared it.'
      return new Response(
        JSON.stringify({
          status: 409,
          conflict: 'newer-version',
          sentence,
          errors: [sentence],
          actorName: 'Sam Roe',
          record: colleague.record,
        }),
        { status: 409, headers: { 'content-type': 'application/json' } },
      )
    }
    if (path === '/api/v1/segments') {
      return json(
        { status: 200, correlationId: 'corr-9', messages: ['Segment vip queued 3 for import'] },
        { 'x-console-history': 'recorded', 'x-console-record-id': 'rec-9' },
      )
    }
    if (path === '/console/history/records/rec-9/annotations') return json({})
    return new Response('{}', { status: 404 })
  })
  return received
}

function wrapper({ children }: { children: ReactNode }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}

interface FlowOptions {
  /** Told when FanPass accepted a send, as the page's recipe stamp is. */
  onAccepted?: () => void
  /** Stands in for the worker's preparation of the list (to hold it, or fail it); gets the real one. */
  prepareUpload?: (
    prepare: IdSources['prepareUpload'],
    fields: SegmentFields,
  ) => Promise<PreparedUpload>
}

/**
 * The flow over useIdSources and a real SegmentWorkspace, as the page wires them; `submitting`
 * is the form's submission state as the render saw it.
 */
function renderFlow({ onAccepted, prepareUpload }: FlowOptions = {}) {
  return renderHook(
    () => {
      const sources = useIdSources(channelWorker())
      const ids = useMemo(
        () =>
          prepareUpload === undefined
            ? sources
            : {
                ...sources,
                prepareUpload: (fields: SegmentFields) =>
                  prepareUpload(sources.prepareUpload, fields),
              },
        [sources],
      )
      const flow = useSegmentUploadFlow(ids, onAccepted)
      return { ids, flow, submitting: flow.form.formState.isSubmitting }
    },
    { wrapper },
  )
}

/** The flow over three pasted IDs (1, 2, 3), with the form filled in for tag "vip". */
async function renderFlowOverThreeIds(options?: FlowOptions) {
  const rendered = renderFlow(options)
  const { result } = rendered
  act(() => result.current.ids.addPastedText('1\n2\n3'))
  await waitFor(() => expect(result.current.ids.combined?.total).toBe(3))
  act(() => {
    result.current.flow.form.setValue('title', 'VIPs')
    result.current.flow.form.setValue('tag', 'vip')
  })
  return rendered
}

/** A button the marketer pressed, holding the focus. */
function focusedButton(): HTMLButtonElement {
  const button = document.createElement('button')
  document.body.append(button)
  button.focus()
  return button
}

const show = vi.spyOn(notifications, 'show')

beforeEach(() => {
  setToken('secret-token')
  // The worker builds the body as a Blob. jsdom's Blob is a plain object that Node's
  // MessageChannel (the test's stand-in for a Worker) cannot clone; Node's own Blob crosses it as
  // a browser's crosses a Worker boundary.
  vi.stubGlobal('Blob', NodeBlob)
})
afterEach(() => {
  forgetToken()
  vi.unstubAllGlobals()
  show.mockClear()
  document.body.replaceChildren()
})

describe('useSegmentUploadFlow', () => {
  it('suggests notes naming the sources and how many IDs they give', async () => {
    stubServer(null)
    const { result, unmount } = await renderFlowOverThreeIds()

    expect(result.current.flow.form.getValues('notes')).toBe(suggestNotes(['Pasted IDs'], 3))
    unmount()
  })

  it('compares with the last version, sends what was confirmed, announces it, gives the focus back', async () => {
    const received = stubServer(aTeamRecord({ id: 'rec-1', tag: 'vip', userIdCount: 2 }))
    const accepted = vi.fn()
    const { result, unmount } = await renderFlowOverThreeIds({ onAccepted: accepted })
    const button = focusedButton()

    act(() => result.current.flow.openConfirmation())

    await waitFor(() => expect(result.current.flow.confirmation?.previous).toBeTruthy())
    expect(result.current.flow.confirmation).toMatchObject({
      tag: 'vip',
      newCount: 3,
      missingReason: null,
      previous: {
        previousUpload: "Jane Doe's upload",
        previousSize: 2,
        added: 2,
        removed: 1,
        unchanged: 1,
      },
    })

    act(() => result.current.flow.confirmation?.onConfirm())

    await waitFor(() => expect(result.current.flow.outcome).not.toBeNull())
    const sent = received.find((request) => request.path === '/api/v1/segments')
    expect(JSON.parse(sent?.body ?? '')).toMatchObject({
      title: 'VIPs',
      tag: 'vip',
      userIds: ['1', '2', '3'],
    })
    expect(result.current.flow.outcome).toMatchObject({
      tag: 'vip',
      result: { kind: 'succeeded', correlationId: 'corr-9' },
    })
    expect(result.current.flow.confirmation).toBeNull()
    expect(accepted).toHaveBeenCalledOnce()
    expect(result.current.flow.announcements.at(-1)?.text).toMatch(/^Segment vip replaced\. /)
    expect(document.activeElement).toBe(button)
    expect(received.map(({ method, path }) => `${method} ${path}`)).toContain(
      'PUT /console/history/records/rec-9/annotations',
    )
    unmount()
  })

  it('says who replaced the tag meanwhile, compares again with their version, and sends only when confirmed again', async () => {
    const samsList = ['1', '2', '3', '4', '5', '6', '7', '8']
    const sams = aTeamRecord({
      id: 'rec-2',
      tag: 'vip',
      actorName: 'Sam Roe',
      createdAt: '2026-12-06T10:02:00.000Z',
      userIdCount: samsList.length,
    })
    const received = stubServer(
      aTeamRecord({ id: 'rec-1', tag: 'vip', userIdCount: 2 }),
      '["1","9"]',
      {
        record: sams,
        keptJson: JSON.stringify(samsList),
      },
    )
    const sends = () => received.filter((request) => request.path === '/api/v1/segments')
    const accepted = vi.fn()
    const { result, unmount } = await renderFlowOverThreeIds({ onAccepted: accepted })
    act(() => result.current.flow.openConfirmation())
    await waitFor(() => expect(result.current.flow.confirmation?.previous).toBeTruthy())

    act(() => result.current.flow.confirmation?.onConfirm())

    await waitFor(() => expect(result.current.flow.confirmation?.conflict).not.toBeNull())
    expect(sends().map((request) => request.headers['x-console-compared-record'])).toEqual([
      'rec-1',
    ])
    expect(result.current.flow.confirmation?.conflict).toMatch(
      /^Sam Roe replaced this tag at .+, after you opened this \(now 8 IDs\): compare again\./,
    )
    // The diff (and so the shrink guard: 3 IDs against 8) is against Sam's version now.
    await waitFor(() =>
      expect(result.current.flow.confirmation?.previous).toMatchObject({
        recordId: 'rec-2',
        previousUpload: "Sam Roe's upload",
        previousSize: 8,
        added: 0,
        removed: 5,
        unchanged: 3,
      }),
    )
    expect(result.current.flow.outcome).toBeNull()
    expect(sends()).toHaveLength(1)
    // The console refused it: nothing reached FanPass, so nothing ran.
    expect(accepted).not.toHaveBeenCalled()

    act(() => result.current.flow.confirmation?.onConfirm())

    await waitFor(() => expect(result.current.flow.outcome).not.toBeNull())
    expect(sends().map((request) => request.headers['x-console-compared-record'])).toEqual([
      'rec-1',
      'rec-2',
    ])
    expect(result.current.flow.confirmation).toBeNull()
    unmount()
  })

  it('says why there is no comparison when the last list is no longer kept', async () => {
    stubServer(aTeamRecord({ tag: 'vip', listState: 'pruned' }))
    const { result, unmount } = await renderFlowOverThreeIds()

    act(() => result.current.flow.openConfirmation())

    await waitFor(() => expect(result.current.flow.confirmation?.previous).toBeNull())
    expect(result.current.flow.confirmation?.missingReason).toBe(
      'The last upload of vip, by Jane Doe, is recorded, but its ID list is no longer kept, so the console cannot show what changes.',
    )
    act(() => result.current.flow.confirmation?.onClose())
    expect(result.current.flow.confirmation).toBeNull()
    unmount()
  })

  it('ends the form’s submission while the list is prepared, so the confirmation opening does not render the form', async () => {
    stubServer(null)
    let prepared: () => void = () => undefined
    // The list's preparation held until the test lets it go, as a 10M list holds it seconds.
    const { result, unmount } = await renderFlowOverThreeIds({
      prepareUpload: async (prepare, fields) => {
        await new Promise<void>((resolve) => (prepared = resolve))
        return prepare(fields)
      },
    })

    act(() => result.current.flow.openConfirmation())

    await waitFor(() => expect(result.current.flow.form.formState.isSubmitSuccessful).toBe(true))
    expect(result.current.submitting).toBe(false)
    expect(result.current.flow.confirmation).toBeNull()
    act(() => prepared())
    await waitFor(() => expect(result.current.flow.confirmation?.newCount).toBe(3))
    unmount()
  })

  it('says why the list could not be prepared, instead of failing silently', async () => {
    stubServer(null)
    const { result, unmount } = await renderFlowOverThreeIds({
      prepareUpload: () =>
        Promise.reject(new IngestError('unknown-source', 'That file was removed meanwhile.')),
    })

    act(() => result.current.flow.openConfirmation())

    await waitFor(() =>
      expect(show).toHaveBeenCalledWith({
        color: 'red',
        message: 'That file was removed meanwhile.',
      }),
    )
    expect(result.current.flow.announcements.map((shown) => shown?.text)).toContain(
      'That file was removed meanwhile.',
    )
    expect(result.current.flow.confirmation).toBeNull()
    unmount()
  })

  it('asks for the token instead of opening the confirmation when there is none', async () => {
    const received = stubServer(null)
    const { result, unmount } = await renderFlowOverThreeIds()
    forgetToken()

    act(() => result.current.flow.openConfirmation())

    await waitFor(() =>
      expect(show).toHaveBeenCalledWith({
        color: 'red',
        message: 'Paste your API token under Connection before uploading.',
      }),
    )
    expect(result.current.flow.confirmation).toBeNull()
    expect(received.some((request) => request.path.startsWith('/console/history'))).toBe(false)
    unmount()
  })

  it('copies the exact request as a cURL command, and says so', async () => {
    stubServer(null)
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { result, unmount } = await renderFlowOverThreeIds()

    act(() => result.current.flow.copyCurl())

    await waitFor(() => expect(writeText).toHaveBeenCalled())
    const [command] = writeText.mock.calls[0] as unknown as [string]
    expect(command).toContain(`${window.location.origin}/api/v1/segments`)
    expect(command).toContain('"userIds":["1","2","3"]')
    // Said once the clipboard has taken it, a step after the write is asked for.
    await waitFor(() =>
      expect(show).toHaveBeenCalledWith({
        message: 'Copied the cURL command. It reads the token from $FANPASS_TOKEN.',
      }),
    )
    unmount()
  })

  it('refuses to upload while a source’s conditions cannot apply', async () => {
    stubServer(null)
    const { result, unmount } = renderFlow()
    const tickets = 'Account ID,Plan Type\nA1,Full Season\nA2,Flex\n'
    const file = new NodeFile([tickets], 'tickets.csv') as unknown as File
    act(() => result.current.ids.addFiles([file]))
    await waitFor(() => expect(result.current.ids.combined?.total).toBe(2))
    const sourceId = result.current.ids.sources[0]?.sourceId ?? ''
    expect(result.current.flow.uploadDisabled).toBe(false)

    await act(() =>
      result.current.ids.setConditions(sourceId, [
        { kind: 'text', column: 'Region', op: 'isNotEmpty' },
      ]),
    )
    expect(result.current.ids.combined?.blocking).toMatch(/no column "Region"/)
    expect(result.current.flow.uploadDisabled).toBe(true)

    await act(() => result.current.ids.setConditions(sourceId, []))
    expect(result.current.flow.uploadDisabled).toBe(false)
    unmount()
  })
})
