// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { PROPERTY_SETTINGS_KEY } from '../../../lib/property-settings'
import { forgetToken, setToken } from '../../../lib/session-token'
import { switchingToWindows1252 } from '../../../lib/testing/ingest-inputs'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { UserPropertiesPage } from './user-properties-page'

// jsdom has no Worker: the file is read and planned on the test's thread (worker/__mocks__).
vi.mock('../worker/property-plan-client')

const PLAYER = 'Alexandre Lacazette-Fernandes de Oliveira'

beforeAll(stubBrowserApis)

let received: { path: string; body: unknown }[] = []
/** Job summaries the page filed in the team history (POST /console/history/jobs). */
let filedJobs: unknown[] = []
const accepted = () =>
  Response.json({
    status: 200,
    correlationId: 'corr-1',
    messages: ['Successfully updated user properties for 2 users'],
    errors: [],
  })
/** What the fake FanPass answers to an update; a test may swap it. */
let answer: (body: { userIds: string[] }) => Response = accepted

beforeEach(() => {
  received = []
  filedJobs = []
  answer = accepted
  localStorage.clear()
  setToken('header.payload.signature')
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href)
    if (url.pathname === '/console/config') {
      return Response.json({ target: 'sandbox', host: '127.0.0.1:4010' })
    }
    const body = JSON.parse(String(init?.body)) as { userIds: string[] }
    if (url.pathname === '/console/history/jobs') {
      filedJobs.push(body)
      return Response.json({ id: crypto.randomUUID() })
    }
    received.push({ path: url.pathname, body })
    return answer(body)
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
  forgetToken()
})

function registered(names: string[], batchSize = 1000) {
  localStorage.setItem(
    PROPERTY_SETTINGS_KEY,
    JSON.stringify({ registeredAttributes: names, batchSize, concurrency: 4 }),
  )
}

/** Waits for the Update report of the job that just ended, and reads its first line. */
async function expectReport(sentence: string) {
  await waitFor(() => {
    const report = screen.getByRole('region', { name: 'Update report' })
    expect(within(report).getByRole('status').textContent).toBe(sentence)
  })
}

/** What a screen reader hears after a field's name: whether it is invalid, and what describes it. */
function described(field: HTMLElement) {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? []
  return {
    invalid: field.getAttribute('aria-invalid') === 'true',
    descriptions: ids.map((id) => document.getElementById(id)?.textContent),
  }
}

describe('ad-hoc edit', () => {
  it('warns about a too-long value and a reserved key, then sends only what FanPass keeps', async () => {
    registered(['favourite_player', 'membership_tier'])
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)

    await user.type(screen.getByLabelText('User IDs'), '1001, 1002')
    expect((await screen.findByText(/^\d+ user IDs?$/)).textContent).toBe('2 user IDs')
    const first = screen.getByRole('group', { name: 'Property 1' })
    await user.type(within(first).getByLabelText('Property name'), 'favourite_player')
    await user.type(within(first).getByLabelText('Property value'), PLAYER)
    await user.click(screen.getByRole('button', { name: 'Add property' }))
    const second = screen.getByRole('group', { name: 'Property 2' })
    await user.type(within(second).getByLabelText('Property name'), 'user_id')
    await user.type(within(second).getByLabelText('Property value'), 'x')

    expect(first.textContent).toContain(
      `This value is 41 characters long; FanPass keeps only the first 36 and will store “${PLAYER.slice(0, 36)}”.`,
    )
    expect(first.textContent).toContain('41/36')
    expect(second.textContent).toContain(
      'user_id is reserved by GA4, so FanPass will ignore it. It will be left out of the request.',
    )
    expect(screen.getByText(/^Sends /).textContent).toBe(
      'Sends favourite_player to 2 users in 1 request. Left out, because FanPass would ignore it: user_id.',
    )
    expect(received).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Send update' }))

    await expectReport('1 request succeeded, 0 failed.')
    expect(received).toEqual([
      {
        path: '/api/v1/update_user',
        body: { userIds: ['1001', '1002'], userProperties: { favourite_player: PLAYER } },
      },
    ])
  })

  it('does not call an unregistered key ignored while the registered list is empty', async () => {
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)

    const first = screen.getByRole('group', { name: 'Property 1' })
    await user.type(within(first).getByLabelText('Property name'), 'shoe_size')

    expect(first.textContent).toContain(
      'Your registered-attribute list is empty (Settings): the console cannot tell whether FanPass will accept this key.',
    )
    expect(first.textContent).not.toContain('will ignore')
  })

  it('says an unregistered key will be ignored unless registered in the FanReach Portal', async () => {
    registered(['membership_tier'])
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)

    const first = screen.getByRole('group', { name: 'Property 1' })
    await user.type(within(first).getByLabelText('Property name'), 'Membership_tier')

    expect(first.textContent).toContain(
      'Membership_tier is not in your registered attributes (membership_tier is registered; names are case-sensitive), so FanPass will ignore it unless it is registered in the FanReach Portal',
    )
  })

  it('refuses to send when every key would be ignored, with a sentence', async () => {
    registered(['membership_tier'])
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)

    await user.type(screen.getByLabelText('User IDs'), '1001')
    const first = screen.getByRole('group', { name: 'Property 1' })
    await user.type(within(first).getByLabelText('Property name'), 'ga_score')
    await user.type(within(first).getByLabelText('Property value'), '7')
    await user.click(screen.getByRole('button', { name: 'Send update' }))

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Add at least one property that FanPass will accept: a request without one changes nothing.',
    )
    expect(received).toEqual([])
  })

  it('asks for a value, a name and one row per property before sending', async () => {
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)

    await user.type(screen.getByLabelText('User IDs'), '1001')
    const first = screen.getByRole('group', { name: 'Property 1' })
    await user.type(within(first).getByLabelText('Property name'), 'membership_tier')
    await user.click(screen.getByRole('button', { name: 'Add property' }))
    const second = screen.getByRole('group', { name: 'Property 2' })
    await user.type(within(second).getByLabelText('Property name'), 'membership_tier')
    await user.type(within(second).getByLabelText('Property value'), 'Gold')
    await user.click(screen.getByRole('button', { name: 'Send update' }))

    await waitFor(() =>
      expect(described(within(first).getByLabelText('Property value'))).toEqual({
        invalid: true,
        descriptions: ['Type a value for membership_tier, or remove the row.'],
      }),
    )
    expect(described(within(second).getByLabelText('Property name'))).toEqual({
      invalid: true,
      descriptions: ['membership_tier is already set above. Keep one row per property.'],
    })
    expect(described(within(first).getByLabelText('Property name')).invalid).toBe(false)
    expect(described(within(second).getByLabelText('Property value')).invalid).toBe(false)
    expect(received).toEqual([])
  })
})

describe('bulk update from a CSV', () => {
  async function openCsv(csv: string | Blob) {
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)
    await user.click(screen.getByRole('tab', { name: 'Bulk update from a CSV' }))
    await user.upload(
      screen.getByLabelText('Properties CSV or workbook'),
      new File([csv], 'members.csv', { type: 'text/csv' }),
    )
    return user
  }

  it('shows the plan before sending, and sends exactly that plan', async () => {
    registered(['membership_tier', 'seat_section'])
    const user = await openCsv(
      'user_id,membership_tier,seat_section,shoe_size\n1,Gold,A,44\n2,Gold,A,\n3,Silver,,41\n',
    )

    expect((await screen.findByRole('status', { name: 'Plan' })).textContent).toBe(
      '3 rows → 2 requests',
    )
    expect(screen.getByText(/ column ignored/).textContent).toBe(
      '3 rows read; 0 values will be truncated to 36 characters; 1 column ignored.',
    )
    await user.click(screen.getByRole('button', { name: 'Send updates' }))

    await expectReport('2 requests succeeded, 0 failed.')
    expect(received.map((request) => request.body)).toEqual([
      { userIds: ['1', '2'], userProperties: { membership_tier: 'Gold', seat_section: 'A' } },
      { userIds: ['3'], userProperties: { membership_tier: 'Silver' } },
    ])
  })

  it('sends properties that vary together in one request when that takes fewest requests', async () => {
    // 16 members, every tier × kit × seat, 4 users per request: whole rows would take 16
    // requests, one property at a time 12, tier with kit and then seat 8.
    registered(['membership_tier', 'kit_choice', 'seat_section'], 4)
    const lines = Array.from({ length: 16 }, (_, i) =>
      [
        `${100 + i}`,
        i % 2 === 0 ? 'Gold' : 'Silver',
        i % 4 < 2 ? 'home' : 'away',
        'ABCD'[Math.floor(i / 4)],
      ].join(','),
    )
    const user = await openCsv(
      `user_id,membership_tier,kit_choice,seat_section\n${lines.join('\n')}\n`,
    )

    const plan = await screen.findByRole('status', { name: 'Plan' })
    expect(plan.textContent).toBe('16 rows → 8 requests')
    expect(plan.nextElementSibling?.textContent).toContain(
      'Properties that vary together are sent together (membership_tier with kit_choice; seat_section): each request sets one combination of their values for up to 4 users, so a user appears once per group.',
    )
    await user.click(screen.getByRole('button', { name: 'Send updates' }))

    await expectReport('8 requests succeeded, 0 failed.')
    const bodies = received.map((request) => request.body)
    expect(bodies).toHaveLength(8)
    // The job's summary goes to the team history (the job manager outlives each test, so an
    // earlier test's job may be filed here too).
    await waitFor(() =>
      expect(filedJobs).toContainEqual(
        expect.objectContaining({
          requestsPlanned: 8,
          requestsSucceeded: 8,
          usersUpdated: 16,
          status: 'succeeded',
        }),
      ),
    )
    // Up to 4 requests are in flight at once, so the order they arrive in is not asserted.
    expect(bodies).toContainEqual({
      userIds: ['100', '104', '108', '112'],
      userProperties: { membership_tier: 'Gold', kit_choice: 'home' },
    })
    expect(bodies).toContainEqual({
      userIds: ['112', '113', '114', '115'],
      userProperties: { seat_section: 'D' },
    })
  })

  it('says how many values were trimmed, and sends a quoted line break exactly as written', async () => {
    registered(['membership_tier', 'seat_section'])
    const user = await openCsv(
      'user_id,membership_tier,seat_section\r\n1, Gold ,"Block A\r\nRow 3"\r\n2,Gold,"Block A\r\nRow 3"\r\n3,Silver\t,B\r\n',
    )

    expect((await screen.findByRole('status', { name: 'Plan' })).textContent).toBe(
      '3 rows → 2 requests',
    )
    expect(screen.getByText(/2 values had spaces around them, trimmed/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Send updates' }))

    expect(await screen.findByText('2 requests succeeded, 0 failed.')).toBeTruthy()
    expect(received.map((request) => request.body)).toEqual([
      {
        userIds: ['1', '2'],
        userProperties: { membership_tier: 'Gold', seat_section: 'Block A\r\nRow 3' },
      },
      { userIds: ['3'], userProperties: { membership_tier: 'Silver', seat_section: 'B' } },
    ])
  })

  it('reads a CSV that switches to Windows-1252 half-way as Segments does, and says so', async () => {
    registered(['city'])
    const user = await openCsv(
      switchingToWindows1252('user_id,city\n', (i) => `${i},Paris\n`, '99999,Liège\n'),
    )

    expect((await screen.findByText(/is not UTF-8 text/)).textContent).toBe(
      'members.csv is not UTF-8 text, so it was read as Windows-1252 (Western European). If accented letters look wrong, save it as CSV UTF-8 and choose it again.',
    )
    await screen.findByRole('status', { name: 'Plan' })
    await user.click(screen.getByRole('button', { name: 'Send updates' }))

    await waitFor(() =>
      expect(received.map((request) => request.body)).toContainEqual({
        userIds: ['99999'],
        userProperties: { city: 'Liège' },
      }),
    )
  })

  it('refuses a file where a user has two values for one property, naming them', async () => {
    registered(['membership_tier'])
    await openCsv('user_id,membership_tier\n7,Gold\n8,Silver\n7,Bronze\n')

    expect((await screen.findByRole('alert')).textContent).toContain(
      'User 7 has “Gold” and “Bronze” for membership_tier.',
    )
    expect(
      (screen.getByRole('button', { name: 'Send updates' }) as HTMLButtonElement).disabled,
    ).toBe(true)
  })
})

describe('update report', () => {
  it('lists a failure with its correlation ID, downloads the failed rows defused, and retries only them', async () => {
    registered(['membership_tier'])
    answer = (body) =>
      body.userIds.includes('3')
        ? Response.json(
            {
              status: 400,
              correlationId: 'corr-400',
              messages: [],
              errors: ['The value of membership_tier is not allowed.'],
            },
            { status: 400 },
          )
        : accepted()
    const saved: Blob[] = []
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:x'),
        revokeObjectURL: () => undefined,
      }),
    )
    const user = userEvent.setup()
    renderWithProviders(<UserPropertiesPage />)
    await user.click(screen.getByRole('tab', { name: 'Bulk update from a CSV' }))
    await user.upload(
      screen.getByLabelText('Properties CSV or workbook'),
      new File(['user_id,membership_tier\n1,Gold\n2,Gold\n3,=SUM(A1)\n'], 'tiers.csv', {
        type: 'text/csv',
      }),
    )
    await screen.findByRole('status', { name: 'Plan' })
    await user.click(screen.getByRole('button', { name: 'Send updates' }))

    await expectReport('1 request succeeded, 1 failed.')
    const failures = screen.getByRole('list', { name: 'Failed requests' })
    expect(failures.textContent).toBe(
      'Request 2 (1 user; membership_tier): FanPass rejected the request: The value of membership_tier is not allowed. Correlation ID: corr-400.',
    )

    await user.click(screen.getByRole('button', { name: 'Download failed rows (CSV)' }))
    const file = saved[0] as Blob
    // A BOM first, so Excel reads the file as UTF-8.
    expect([...new Uint8Array(await file.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(await file.text()).toBe(
      "userId,membership_tier,error,correlationId\r\n3,'=SUM(A1),FanPass rejected the request: The value of membership_tier is not allowed.,corr-400\r\n",
    )

    answer = accepted
    received = []
    await user.click(screen.getByRole('button', { name: 'Retry failed' }))

    await expectReport('2 requests succeeded, 0 failed.')
    expect(screen.queryByRole('list', { name: 'Failed requests' })).toBeNull()
    expect(received.map((request) => request.body)).toEqual([
      { userIds: ['3'], userProperties: { membership_tier: '=SUM(A1)' } },
    ])
  })
})
