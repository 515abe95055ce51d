// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useLocation } from 'react-router'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearHistory, recordSegmentSubmission } from '../../../lib/history/history-db'
import { forgetToken, setToken } from '../../../lib/session-token'
import type { TeamRecord } from '../../../lib/team-history-record'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { HistoryPage } from './history-page'

beforeAll(stubBrowserApis)

const FIRST = '00000000-0000-4000-8000-00000000000a'
const SECOND = '00000000-0000-4000-8000-00000000000b'
const REFUSED = '00000000-0000-4000-8000-00000000000c'

/** Two accepted uploads of userGroup1 a week apart, the newest by Sam Roe. */
const twoUploads: TeamRecord[] = [
  aTeamRecord({
    id: SECOND,
    createdAt: '2025-03-10T09:00:00.000Z',
    actorName: 'Sam Roe',
    tag: 'userGroup1',
    title: 'User Group 1',
    userIdCount: 48_120,
    correlationId: 'corr-second',
  }),
  aTeamRecord({
    id: FIRST,
    createdAt: '2025-03-03T09:00:00.000Z',
    tag: 'userGroup1',
    title: 'User Group 1',
    userIdCount: 48_000,
    correlationId: 'corr-first',
  }),
]

interface Asked {
  method: string
  url: string
  body: unknown
}
let asked: Asked[]
let teamRecords: TeamRecord[]
let deadLetters: number

beforeEach(async () => {
  asked = []
  teamRecords = []
  deadLetters = 0
  await clearHistory()
  setToken('header.payload.signature')
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : null
    asked.push({ method: init.method ?? 'GET', url, body })
    if (url === '/console/history/records') return Response.json({ records: teamRecords })
    if (url === '/console/history/dead-letter') return Response.json({ count: deadLetters })
    return Response.json({ id: 'x', imported: true })
  })
})

afterEach(() => {
  forgetToken()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function SegmentsProbe() {
  const location = useLocation()
  return <p>Segments page opened with {location.search}</p>
}

function renderHistory() {
  return renderWithProviders(<HistoryPage />, {
    path: '/history',
    routes: [{ path: '/segments', element: <SegmentsProbe /> }],
  }).router
}

async function bodyRows() {
  const table = await screen.findByRole('table', { name: /newest first/ })
  return within(table).getAllByRole('row').slice(1)
}

/** A row as the marketer reads it: each column's header and the text in its cell. */
function columns(row: HTMLElement | undefined): Record<string, string> {
  const table = row?.closest('table')
  if (!row || !table) throw new Error('expected a row of the history table')
  const headers = within(table).getAllByRole('columnheader')
  return Object.fromEntries(
    within(row)
      .getAllByRole('cell')
      .map((cell, index) => [headers[index]?.textContent ?? `column ${index + 1}`, words(cell)]),
  )
}

/** The texts inside an element, one space between each, as they read on screen. */
function words(element: Element): string {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const texts: string[] = []
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    // Mantine puts the responsive grid's CSS in a <style> element inside the section.
    if (node.parentElement?.closest('style')) continue
    const text = node.textContent?.trim()
    if (text) texts.push(text)
  }
  return texts.join(' ')
}

describe('HistoryPage', () => {
  it('asks for a token before it shows the team history', async () => {
    forgetToken()
    renderHistory()

    expect(
      await screen.findByText(/^Paste your API token under Connection to see the team’s history/),
    ).toBeTruthy()
    expect(asked).toEqual([])
  })

  it('says so when nobody in the team has sent anything yet', async () => {
    renderHistory()

    expect(await screen.findByText(/^Nobody in the team has sent anything/)).toBeTruthy()
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByRole('button', { name: 'Export history (CSV)' })).toHaveProperty(
      'disabled',
      true,
    )
  })

  it("shows the server's sentence when the history cannot be read", async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ errors: ['This token has not been accepted by FanPass.'] }, { status: 401 }),
    )
    renderHistory()

    expect(await screen.findByText('This token has not been accepted by FanPass.')).toBeTruthy()
  })

  it('lists the team uploads newest first with who made them, and charts the tag size', async () => {
    teamRecords = twoUploads
    renderHistory()

    const rows = await bodyRows()
    expect(rows).toHaveLength(2)
    expect(columns(rows[0])).toMatchObject({
      Who: 'Sam Roe',
      'Segment or job': 'userGroup1 User Group 1',
      'User IDs': '48,120',
      Status: 'Accepted HTTP 200 Segment VIP queued 48120 for import',
      'Correlation ID': 'corr-second',
    })
    expect(columns(rows[1])).toMatchObject({ Who: 'Jane Doe', 'User IDs': '48,000' })
    const sizes = screen.getByRole('region', { name: 'Segment sizes over time' })
    expect(
      within(sizes)
        .getAllByRole('img')
        .map((chart) => chart.getAttribute('aria-label')),
    ).toEqual(['userGroup1 size over time: 2 uploads, latest 48,120 IDs'])
  })

  it("shows a batch's records together under one heading, among the other uploads", async () => {
    const batchId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
    const plan = (id: string, tag: string, createdAt: string) =>
      aTeamRecord({ id, tag, title: `Plan: ${tag}`, batchId, createdAt, correlationId: `c-${id}` })
    teamRecords = [
      plan('00000000-0000-4000-8000-000000000021', 'planFlex', '2026-12-06T10:03:00.000Z'),
      aTeamRecord({ id: SECOND, tag: 'vip', createdAt: '2026-12-06T10:02:30.000Z' }),
      plan('00000000-0000-4000-8000-000000000022', 'planHalf', '2026-12-06T10:02:10.000Z'),
      plan('00000000-0000-4000-8000-000000000023', 'planFull', '2026-12-06T10:02:00.000Z'),
    ]
    renderHistory()

    const batch = await screen.findByRole('rowgroup', { name: /^Batch of 3 segments, / })
    expect(within(batch).getByRole('columnheader').textContent).toContain(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date('2026-12-06T10:02:00.000Z'),
      ),
    )
    expect(
      within(batch)
        .getAllByRole('row')
        .slice(1)
        .map((row) => columns(row)['Correlation ID']),
    ).toEqual([
      'c-00000000-0000-4000-8000-000000000021',
      'c-00000000-0000-4000-8000-000000000022',
      'c-00000000-0000-4000-8000-000000000023',
    ])
    expect((await bodyRows()).map((row) => words(row).split(' ')[0])).toEqual([
      'Batch',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ])
  })

  it("never shows the records read with one token under the next, another club's", async () => {
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const lions =
        (init.headers as Record<string, string>).authorization === 'Bearer lions.token.x'
      return Response.json({
        records: [aTeamRecord({ tag: lions ? 'lionsVip' : 'tigersVip', actorName: 'Someone' })],
      })
    })
    setToken('lions.token.x')
    renderHistory()
    expect(columns((await bodyRows())[0])).toMatchObject({ 'Segment or job': 'lionsVip VIP' })

    act(() => setToken('tigers.token.y'))

    expect(await screen.findAllByText('tigersVip')).not.toHaveLength(0)
    expect(screen.queryAllByText('lionsVip')).toHaveLength(0)
  })

  it('opens the segment form for a refresh of the chosen upload', async () => {
    teamRecords = twoUploads
    const router = renderHistory()

    const [newest] = await bodyRows()
    await userEvent.click(
      within(newest as HTMLElement).getByRole('button', { name: /^Refresh this segment/ }),
    )

    await screen.findByText(/^Segments page opened with/)
    expect(router.state.location).toMatchObject({
      pathname: '/segments',
      search: `?refresh=${SECOND}`,
    })
  })

  it('offers to restore only uploads whose ID list is kept', async () => {
    teamRecords = [
      aTeamRecord({
        id: REFUSED,
        createdAt: '2025-03-17T09:00:00.000Z',
        httpStatus: 400,
        messages: [],
        errors: ['The tag must not contain spaces.'],
        correlationId: 'corr-refused',
        listState: 'none',
      }),
      ...twoUploads,
    ]
    const router = renderHistory()

    const [refused, , oldest] = await bodyRows()
    expect(columns(refused)).toMatchObject({
      Status: 'Refused HTTP 400 The tag must not contain spaces.',
      Actions: 'Refresh this segment',
    })
    expect(screen.getAllByRole('button', { name: /^Restore this version/ })).toHaveLength(2)

    await userEvent.click(
      within(oldest as HTMLElement).getByRole('button', {
        name: /^Restore this version: userGroup1 with 48,000 IDs, uploaded .+ by Jane Doe$/,
      }),
    )
    await screen.findByText(/^Segments page opened with/)
    expect(router.state.location).toMatchObject({
      pathname: '/segments',
      search: `?restore=${FIRST}`,
    })
  })

  it('says when the list of an upload was lost when the console stopped', async () => {
    teamRecords = [{ ...aTeamRecord({ id: FIRST, tag: 'userGroup1' }), listState: 'lost' }]
    renderHistory()
    const [lost] = await bodyRows()
    expect(columns(lost).Actions).toBe(
      'Refresh this segment The list of this upload was lost when the console stopped.',
    )
  })

  it('says how many uploads could not be recorded and where they are kept', async () => {
    deadLetters = 2
    renderHistory()
    expect(
      await screen.findByText(
        "2 uploads could not be recorded in the team history; they are kept in DATA_DIR/dead-letter on the console's server.",
      ),
    ).toBeTruthy()
  })

  it('downloads the team history as a dated CSV file', async () => {
    teamRecords = twoUploads
    const saved: { name: string; blob: Blob }[] = []
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) saved.push({ name: '', blob })
      return 'blob:history'
    }
    URL.revokeObjectURL = () => undefined
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      const last = saved.at(-1)
      if (last) last.name = this.download
    })
    renderHistory()

    await bodyRows()
    await userEvent.click(screen.getByRole('button', { name: 'Export history (CSV)' }))

    const [file] = saved
    expect(file?.name).toMatch(/^fanpass-history-\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = (await file?.blob.text())?.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines?.[0]).toMatch(/^time,who,kind,FanPass host,tag,title/)
    expect(lines?.[1]).toContain('Sam Roe')
    expect(lines?.[2]).toContain('corr-first')
  })

  it("adds this browser's earlier uploads to the team history once, then forgets them", async () => {
    await recordSegmentSubmission({
      createdAt: Date.UTC(2025, 1, 24, 9),
      targetHost: 'fanpass-api.fanreachdata.io',
      tag: 'userGroup1',
      title: 'User Group 1',
      sourceType: 0,
      notes: 'Weekly refresh',
      files: [{ name: 'members.csv', size: 1_024, sha256: null }],
      counts: { rowsRead: 3, uniqueIds: 2, removed: { duplicates: 1 } },
      outcome: {
        status: 'succeeded',
        httpStatus: 200,
        correlationId: 'corr-old',
        messages: [],
        errors: [],
      },
      ids: ['0012', '12'],
    })
    renderHistory()

    await userEvent.click(
      await screen.findByRole('button', { name: 'Add them to the team history' }),
    )

    expect(
      await screen.findByText(/^The team's history now holds 1 earlier record from this browser/),
    ).toBeTruthy()
    const imports = asked.filter((request) => request.url === '/console/history/import')
    expect(imports).toHaveLength(1)
    expect(imports[0]?.body).toMatchObject({
      kind: 'segment',
      createdAt: '2025-02-24T09:00:00.000Z',
      tag: 'userGroup1',
      correlationId: 'corr-old',
      annotations: { files: [{ name: 'members.csv' }], rowsRead: 3, removed: { duplicates: 1 } },
      ids: ['0012', '12'],
    })
    expect(imports[0]?.body).toHaveProperty('importKey', expect.stringMatching(/^[0-9a-f]{64}$/))
  })
})
