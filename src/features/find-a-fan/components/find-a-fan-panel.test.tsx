// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetToken, setToken } from '../../../lib/session-token'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import type { FanVersion } from '../domain/fan-timeline'
import { FindAFanPanel } from './find-a-fan-panel'

beforeAll(stubBrowserApis)

interface Asked {
  url: string
  authorization: string | undefined
}

let asked: Asked[]

function answer(response: () => Response) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push({ url, authorization: (init.headers as Record<string, string>).authorization })
    return response()
  })
}

function aVersion(overrides: Partial<FanVersion>): FanVersion {
  return {
    recordId: crypto.randomUUID(),
    tag: 'seasonTicketRenewals',
    title: 'Season ticket renewals',
    createdAt: '2026-12-01T09:12:00.000Z',
    actorName: 'Jane Doe',
    idCount: 48_120,
    containsId: true,
    ...overrides,
  }
}

beforeEach(() => {
  asked = []
  setToken('header.payload.signature')
})

afterEach(() => {
  forgetToken()
  vi.unstubAllGlobals()
})

async function findFan(userId: string) {
  const user = userEvent.setup()
  renderWithProviders(<FindAFanPanel />)
  await user.type(screen.getByLabelText('User ID'), userId)
  await user.keyboard('{Enter}')
  return user
}

describe('Find a fan', () => {
  it("shows each tag's versions, newest first, with who uploaded them and whether the fan is in", async () => {
    answer(() =>
      Response.json({
        versions: [
          aVersion({ createdAt: '2026-12-01T09:12:00.000Z' }),
          aVersion({ createdAt: '2026-12-02T10:00:00.000Z', actorName: 'Sam', containsId: false }),
          aVersion({ tag: 'vipList', title: null, actorName: null, idCount: 12 }),
        ],
      }),
    )
    await findFan('  fan/42 ')

    expect(asked).toEqual([
      {
        url: '/console/history/fans?userId=fan%2F42',
        authorization: 'Bearer header.payload.signature',
      },
    ])
    expect((await screen.findByRole('status')).textContent).toBe(
      'fan/42 is in kept versions of 2 segments.',
    )
    const renewals = screen.getByRole('region', { name: /^seasonTicketRenewals/ })
    expect(
      within(renewals).getByText(/^Left seasonTicketRenewals with Sam's upload of 2 Dec/),
    ).toBeTruthy()
    const rows = within(renewals).getAllByRole('row').slice(1)
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(1)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Sam', '48,120', 'Not in'],
      ['Jane Doe', '48,120', 'In'],
    ])
    const vips = screen.getByRole('table', { name: 'Kept versions of vipList' })
    expect(within(vips).getByRole('row', { name: /No name on the token 12 In/ })).toBeTruthy()
  })

  it('says so when the ID is in no kept version', async () => {
    answer(() => Response.json({ versions: [] }))
    await findFan('nobody')
    expect((await screen.findByRole('status')).textContent).toBe(
      'This ID is in no kept version of any segment.',
    )
  })

  it("shows the server's sentence when the history cannot be searched", async () => {
    answer(() =>
      Response.json(
        { errors: ['The team history database does not answer right now. Uploads still work.'] },
        { status: 503 },
      ),
    )
    await findFan('fan-1')
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The team history database does not answer right now. Uploads still work.',
    )
  })

  it('asks for an ID, and for one ID only, before asking the server', async () => {
    answer(() => Response.json({ versions: [] }))
    const user = await findFan('   ')
    expect(screen.getByText('Type the user ID of the fan you are looking for.')).toBeTruthy()
    await user.type(screen.getByLabelText('User ID'), 'x'.repeat(201))
    await user.click(screen.getByRole('button', { name: 'Find' }))
    expect(
      await screen.findByText(
        'A user ID is at most 200 characters. Check that you pasted one ID only.',
      ),
    ).toBeTruthy()
    expect(asked).toEqual([])
  })

  it('asks for a token when there is none, and does not search', async () => {
    forgetToken()
    answer(() => Response.json({ versions: [] }))
    await findFan('fan-1')
    expect(screen.getByText(/^Paste your API token under Connection/)).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Find' }) as HTMLButtonElement).disabled).toBe(true)
    expect(asked).toEqual([])
  })
})
