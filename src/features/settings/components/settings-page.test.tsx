// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadPropertySettings, PROPERTY_SETTINGS_KEY } from '../../../lib/property-settings'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { SettingsPage } from './settings-page'

beforeAll(stubBrowserApis)

beforeEach(() => {
  localStorage.clear()
  vi.stubGlobal('fetch', async () => Response.json({ target: 'sandbox', host: '127.0.0.1:4010' }))
})

afterEach(() => {
  vi.unstubAllGlobals()
})

function jsonFile(name: string, content: unknown): File {
  return new File([JSON.stringify(content)], name, { type: 'application/json' })
}

/** What a screen reader hears after a field's or an alert's name: whether it is invalid, and what describes it. */
function described(field: HTMLElement) {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? []
  return {
    invalid: field.getAttribute('aria-invalid') === 'true',
    descriptions: ids.map((id) => document.getElementById(id)?.textContent),
  }
}

describe('Settings', () => {
  it('starts with an empty list, the default batch size, and a hint', async () => {
    renderWithProviders(<SettingsPage />)

    const hint = screen.getByRole('alert', { name: 'The list is empty' })
    expect(screen.getByRole('status').textContent).toBe('0 attributes in the list.')
    expect((screen.getByLabelText('Users per request') as HTMLInputElement).value).toBe('1,000')
    expect((screen.getByLabelText('Requests at once') as HTMLInputElement).value).toBe('4')
    // The sandbox's own list is offered once the server says the console talks to the sandbox.
    await waitFor(() =>
      expect(described(hint).descriptions).toEqual([
        'Until you fill it in, the console cannot tell which keys FanPass will accept: every well-formed key is sent and FanPass decides. Copy the custom attributes from the FanReach Portal, or import a JSON file exported from another browser. To try things out, use the sandbox’s list (below).',
      ]),
    )
  })

  it('imports the sandbox file, saves it in this browser, and skips names GA4 refuses', async () => {
    const user = userEvent.setup()
    renderWithProviders(<SettingsPage />)

    await user.upload(
      screen.getByLabelText('Import registered attributes (JSON)'),
      jsonFile('registered-attributes.json', {
        description: 'sandbox list',
        registeredAttributes: ['vip_level', 'home_city', 'firebase_id'],
      }),
    )

    expect((await screen.findByText(/^Imported /)).textContent).toBe(
      "Imported 2 registered attributes from registered-attributes.json and saved them. Skipped firebase_id: it breaks GA4's naming rules.",
    )
    expect(screen.getByRole('status').textContent).toBe('2 attributes in the list.')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(loadPropertySettings().registeredAttributes).toEqual(['vip_level', 'home_city'])
    expect((screen.getByLabelText('Registered attributes') as HTMLTextAreaElement).value).toBe(
      'vip_level\nhome_city',
    )
  })

  it("takes the sandbox's list from the sandbox itself, not from a file", async () => {
    const asked: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url)
      return url === '/__sandbox/registered-attributes'
        ? Response.json({ registeredAttributes: ['vip_level', 'home_city'] })
        : Response.json({ target: 'sandbox', host: '127.0.0.1:4010' })
    })
    const user = userEvent.setup()
    renderWithProviders(<SettingsPage />)

    await user.click(await screen.findByRole('button', { name: "Use the sandbox's list" }))

    expect((await screen.findByText(/^Imported /)).textContent).toBe(
      'Imported 2 registered attributes from the sandbox and saved them.',
    )
    expect(asked).toContain('/__sandbox/registered-attributes')
    expect(loadPropertySettings().registeredAttributes).toEqual(['vip_level', 'home_city'])
    expect((screen.getByLabelText('Registered attributes') as HTMLTextAreaElement).value).toBe(
      'vip_level\nhome_city',
    )
  })

  it('offers no sandbox list against the real FanPass', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ target: 'production', host: 'fanpass-api.fanreachdata.io' }),
    )
    renderWithProviders(<SettingsPage />)
    await waitFor(() =>
      expect(screen.getByRole('alert', { name: 'The list is empty' }).textContent).not.toContain(
        'sandbox',
      ),
    )
    expect(screen.queryByRole('button', { name: "Use the sandbox's list" })).toBeNull()
  })

  it('explains a file that is not an attribute list and keeps the saved list', async () => {
    const user = userEvent.setup()
    renderWithProviders(<SettingsPage />)

    await user.upload(
      screen.getByLabelText('Import registered attributes (JSON)'),
      new File(['tier,team'], 'attributes.csv', { type: 'application/json' }),
    )

    expect((await screen.findByText(/^attributes\.csv: /)).textContent).toBe(
      'attributes.csv: This file is not JSON. Choose a file exported from Settings.',
    )
    expect(screen.getByRole('status').textContent).toBe('0 attributes in the list.')
    expect(localStorage.getItem(PROPERTY_SETTINGS_KEY)).toBeNull()
  })

  it('saves typed names and a batch size, and refuses a name the Portal cannot register', async () => {
    const user = userEvent.setup()
    renderWithProviders(<SettingsPage />)

    const list = screen.getByLabelText('Registered attributes')
    await user.type(list, 'membership_tier{Enter}user_id')
    const batch = screen.getByLabelText('Users per request')
    await user.clear(batch)
    await user.type(batch, '250')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))

    await waitFor(() => expect(described(list).invalid).toBe(true))
    expect(described(list).descriptions).toContain(
      'Remove user_id: the FanReach Portal cannot register that name (see below).',
    )
    expect(localStorage.getItem(PROPERTY_SETTINGS_KEY)).toBeNull()

    await user.clear(list)
    await user.type(list, 'membership_tier, favourite_team')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))

    expect((await screen.findByText(/^Settings saved/)).textContent).toBe(
      'Settings saved in this browser.',
    )
    expect(screen.getByRole('status').textContent).toBe('2 attributes in the list.')
    expect(described(list).invalid).toBe(false)
    expect(loadPropertySettings()).toEqual({
      registeredAttributes: ['membership_tier', 'favourite_team'],
      batchSize: 250,
      concurrency: 4,
    })
  })

  it('refuses a batch size above the limit with a sentence', async () => {
    const user = userEvent.setup()
    renderWithProviders(<SettingsPage />)

    const batch = screen.getByLabelText('Users per request')
    await user.clear(batch)
    await user.type(batch, '20000')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))

    await waitFor(() =>
      expect(described(batch)).toMatchObject({
        invalid: true,
        descriptions: expect.arrayContaining(['Keep it at 10,000 users per request or fewer.']),
      }),
    )
    expect(localStorage.getItem(PROPERTY_SETTINGS_KEY)).toBeNull()
  })
})
