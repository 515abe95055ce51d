// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetToken, useSessionToken } from '../../../lib/session-token'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { ConnectionPanel, connectionFormSchema } from './connection-panel'

function check(token: string) {
  return connectionFormSchema.safeParse({ token, rememberForSession: false })
}

describe('connectionFormSchema', () => {
  it('keeps a pasted token without the spaces around it, a "Bearer " prefix allowed', () => {
    expect(check('  abc.def  ')).toMatchObject({ success: true, data: { token: 'abc.def' } })
    expect(check('Bearer abc.def').success).toBe(true)
  })

  it('asks for a token when none, or only spaces, was pasted', () => {
    expect(check('   ').error?.issues.map((issue) => issue.message)).toEqual([
      'Paste the API token you generated in the FanReach Portal.',
    ])
  })

  it('refuses a token with a space inside it', () => {
    expect(check('abc def').error?.issues.map((issue) => issue.message)).toEqual([
      'A token has no spaces in it. Copy it again from the FanReach Portal.',
    ])
  })
})

/** What the other pages read from the shared token state: the token in use and why one was refused. */
function TokenProbe() {
  const { token, refusal } = useSessionToken()
  return (
    <output aria-label="Token in use">
      {token === '' ? 'none' : token} / {refusal ?? 'no refusal'}
    </output>
  )
}

describe('ConnectionPanel', () => {
  beforeAll(stubBrowserApis)
  beforeEach(() => {
    forgetToken()
    vi.stubGlobal('fetch', async () => Response.json({ target: 'production', host: 'example' }))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  function renderPanel() {
    return renderWithProviders(
      <>
        <ConnectionPanel />
        <TokenProbe />
      </>,
    )
  }

  it('tells the other pages why a typed token was not used, and forgets it once one is', async () => {
    const user = userEvent.setup()
    renderPanel()

    await user.type(screen.getByLabelText('API token'), 'abc def{Enter}')
    expect(screen.getByRole('status', { name: 'Token in use' }).textContent).toBe(
      'none / A token has no spaces in it. Copy it again from the FanReach Portal.',
    )

    await user.clear(screen.getByLabelText('API token'))
    await user.type(screen.getByLabelText('API token'), 'abc.def{Enter}')
    expect(screen.getByRole('status', { name: 'Token in use' }).textContent).toBe(
      'abc.def / no refusal',
    )
  })

  it('reports no refusal for an empty field: the pages already ask for a token', async () => {
    const user = userEvent.setup()
    renderPanel()

    await user.type(screen.getByLabelText('API token'), '{Enter}')
    expect(screen.getByRole('status', { name: 'Token in use' }).textContent).toBe(
      'none / no refusal',
    )
  })
})
