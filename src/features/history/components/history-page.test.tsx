// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useLocation } from 'react-router'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  clearHistory,
  recordSegmentSubmission,
  type SegmentSubmissionInput,
} from '../../../lib/history/history-db'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { HistoryPage } from './history-page'

const HOUR = 3_600_000
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0)

beforeAll(stubBrowserApis)

beforeEach(async () => {
  await clearHistory()
})

afterEach(() => {
  vi.restoreAllMocks()
})

function upload(overrides: Partial<SegmentSubmissionInput> = {}): SegmentSubmissionInput {
  return {
    createdAt: T0,
    targetHost: 'fanpass-api.fanreachdata.io',
    tag: 'userGroup1',
    title: 'User Group 1',
    sourceType: 0,
    notes: 'Weekly refresh',
    files: [{ name: 'members.csv', size: 1_024, sha256: null }],
    counts: { rowsRead: 48_200, uniqueIds: 48_000, removed: { duplicates: 200 } },
    outcome: {
      status: 'succeeded',
      httpStatus: 200,
      correlationId: 'corr-first',
      messages: [],
      errors: [],
    },
    ids: ['1', '2'],
    ...overrides,
  }
}

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

async function seedTwoUploads() {
  const first = await recordSegmentSubmission(upload())
  const second = await recordSegmentSubmission(
    upload({
      createdAt: T0 + 7 * 24 * HOUR,
      counts: { rowsRead: 48_300, uniqueIds: 48_120, removed: {} },
      outcome: {
        status: 'succeeded',
        httpStatus: 200,
        correlationId: 'corr-second',
        messages: [],
        errors: [],
      },
    }),
  )
  return { first, second }
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
  it('says so when nothing has been submitted yet', async () => {
    renderHistory()

    const empty = await screen.findByText(/^Nothing has been submitted/)
    expect(empty.textContent).toBe(
      'Nothing has been submitted from this browser yet. Each segment upload will be listed here, newest first.',
    )
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByRole('button', { name: 'Export history (CSV)' })).toHaveProperty(
      'disabled',
      true,
    )
  })

  it('lists uploads newest first and charts the tag size', async () => {
    await seedTwoUploads()
    renderHistory()

    const rows = await bodyRows()
    expect(rows).toHaveLength(2)
    expect(columns(rows[0])).toMatchObject({
      'Target host': 'fanpass-api.fanreachdata.io',
      'Segment or job': 'userGroup1 User Group 1',
      Kind: 'Segment',
      'Unique IDs': '48,120',
      Status: 'Succeeded',
      'Correlation ID': 'corr-second',
    })
    expect(columns(rows[1])).toMatchObject({
      'Unique IDs': '48,000',
      'Correlation ID': 'corr-first',
    })
    const sizes = screen.getByRole('region', { name: 'Segment sizes over time' })
    expect(
      within(sizes)
        .getAllByRole('img')
        .map((chart) => chart.getAttribute('aria-label')),
    ).toEqual(['userGroup1 size over time: 2 uploads, latest 48,120 IDs'])
    expect(words(sizes)).toBe('Segment sizes over time userGroup1 User Group 1 48,120 IDs')
  })

  it('opens the segment form for a refresh of the chosen upload', async () => {
    const { second } = await seedTwoUploads()
    const router = renderHistory()

    const [newest] = await bodyRows()
    await userEvent.click(
      within(newest as HTMLElement).getByRole('button', { name: /^Refresh this segment/ }),
    )

    await screen.findByText(/^Segments page opened with/)
    expect(router.state.location).toMatchObject({
      pathname: '/segments',
      search: `?refresh=${second}`,
    })
  })

  it('offers to restore only uploads whose ID list is kept', async () => {
    const { first } = await seedTwoUploads()
    await recordSegmentSubmission(
      upload({
        createdAt: T0 + 14 * 24 * HOUR,
        outcome: {
          status: 'failed',
          httpStatus: 400,
          correlationId: 'corr-failed',
          messages: [],
          errors: ['The tag must not contain spaces.'],
        },
      }),
    )
    const router = renderHistory()

    const [failed, , oldest] = await bodyRows()
    expect(columns(failed)).toMatchObject({
      Status: 'Failed The tag must not contain spaces.',
      'Correlation ID': 'corr-failed',
      Actions: 'Refresh this segment',
    })
    expect(
      within(failed as HTMLElement).queryByRole('button', { name: /^Restore this version/ }),
    ).toBeNull()
    expect(screen.getAllByRole('button', { name: /^Restore this version/ })).toHaveLength(2)

    await userEvent.click(
      within(oldest as HTMLElement).getByRole('button', { name: /^Restore this version/ }),
    )
    await screen.findByText(/^Segments page opened with/)
    expect(router.state.location).toMatchObject({
      pathname: '/segments',
      search: `?restore=${first}`,
    })
  })

  it('downloads the history as a dated CSV file', async () => {
    await seedTwoUploads()
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

    expect(saved).toHaveLength(1)
    const [file] = saved
    expect(file?.name).toMatch(/^fanpass-history-\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = (await file?.blob.text())?.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines?.[0]).toMatch(/^time,kind,target host,tag,title/)
    expect(lines?.[1]).toContain('corr-second')
    expect(lines?.[2]).toContain('corr-first')
  })
})
