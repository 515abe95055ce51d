import { expect, test } from './support/console-test'
import { createJwt } from './support/tokens'

test.describe('a marketer connects the console', () => {
  test('sees the sandbox banner, uses the sandbox token, sees its expiry and forgets it', async ({
    page,
  }) => {
    await page.goto('/')
    await expect(page.getByRole('region', { name: 'Target' })).toHaveText(
      'Sandbox: nothing leaves this machine',
    )
    await expect(page.getByRole('heading', { name: 'Segments' })).toBeVisible()

    await page.getByRole('button', { name: 'Use sandbox token' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toContainText(
      /Signed in as Sandbox Marketer\. Expires /,
    )
    await expect(page.getByLabel('API token')).not.toHaveValue('')

    await page.getByRole('button', { name: 'Forget token' }).click()
    await expect(page.getByLabel('API token')).toHaveValue('')
    await expect(page.getByText('No token yet: paste one to send anything.')).toBeVisible()
  })

  test('pastes a token and goes on: it is used at once, without a button to press', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.goto('/segments')
    await expect(
      page.getByText('Paste your API token under Connection before uploading.'),
    ).toBeVisible()
    const token = createJwt({
      sub: 'jo',
      name: 'Jo Fan',
      exp: Math.floor(Date.now() / 1000) + 7200,
    })
    await page.evaluate((text) => navigator.clipboard.writeText(text), token)

    await page.getByLabel('API token').focus()
    await page.keyboard.press('ControlOrMeta+V')

    await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toHaveText(
      /^Signed in as Jo Fan\. Expires .+\.$/,
    )
    await expect(page.getByLabel('API token')).toBeFocused()
    await expect(
      page.getByText('Paste your API token under Connection before uploading.'),
    ).toBeHidden()
    await expect(page.getByRole('button', { name: 'Use token' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Forget token' })).toBeEnabled()
  })

  test('types a token and leaves the field, or presses Enter: it is used either way', async ({
    page,
  }) => {
    await page.goto('/segments')
    const tokenField = page.getByLabel('API token')
    await tokenField.fill(createJwt({ sub: 'jo', name: 'Jo Fan' }))
    await page.keyboard.press('Tab')
    await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toHaveText(
      'Signed in as Jo Fan. This token has no expiry date.',
    )

    await tokenField.fill(createJwt({ sub: 'sam', name: 'Sam Steward' }))
    await tokenField.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toHaveText(
      'Signed in as Sam Steward. This token has no expiry date.',
    )
  })

  test('types a token with a space in it: every page that needs a token says why it was not used', async ({
    page,
  }) => {
    await page.goto('/segments')
    const tokenField = page.getByLabel('API token')
    await tokenField.fill('abc def')
    await tokenField.press('Enter')

    const reason = 'A token has no spaces in it. Copy it again from the FanReach Portal.'
    const why = `The token in the Connection panel was not used: ${reason}`
    await expect(page.getByRole('region', { name: 'Connection' }).getByText(reason)).toBeVisible()
    await expect(page.getByRole('region', { name: 'Segment details' }).getByText(why)).toBeVisible()

    await page.getByRole('link', { name: 'User properties' }).click()
    await expect(page.getByRole('tabpanel').getByText(why)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Send update' })).toBeDisabled()
    await expect(page.getByText('Paste your API token under Connection')).toHaveCount(0)

    await page.getByRole('link', { name: 'History' }).click()
    // The team history and Find a fan each say it.
    await expect(page.getByRole('main').getByText(why)).toHaveCount(2)
    await expect(page.getByText('Paste your API token under Connection')).toHaveCount(0)
  })

  test('is warned about an expired token and a token that is not a JWT', async ({ page }) => {
    await page.goto('/segments')
    const tokenField = page.getByLabel('API token')
    await tokenField.fill(
      createJwt({ sub: 'jo', name: 'Jo Fan', exp: Math.floor(Date.now() / 1000) - 60 }),
    )
    await tokenField.press('Enter')
    await expect(page.getByRole('alert').filter({ hasText: 'Token expired' })).toContainText(
      'The token for Jo Fan expired on',
    )

    await tokenField.fill('an-invalid-token')
    await tokenField.blur()
    await expect(page.getByText('This token does not look like a FanReach JWT')).toBeVisible()
  })

  test('keeps the token out of storage and the URL unless asked, and in sessionStorage only when asked', async ({
    page,
  }) => {
    await page.goto('/segments')
    const token = createJwt({ sub: 'jo', exp: Math.floor(Date.now() / 1000) + 3600 * 5 })
    await page.getByLabel('API token').fill(token)
    await page.getByLabel('API token').press('Enter')
    await expect(page.getByText(/Signed in as jo/)).toBeVisible()
    const stored = () =>
      page.evaluate(() => ({
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        url: location.href,
      }))
    let storage = await stored()
    expect(storage.local).not.toContain(token)
    expect(storage.session).not.toContain(token)
    expect(storage.url).not.toContain(token)

    await page.getByLabel('Remember for this browser session').check()
    storage = await stored()
    expect(storage.session).toContain(token)
    expect(storage.local).not.toContain(token)

    await page.reload()
    await expect(page.getByLabel('API token')).toHaveValue(token)
    await page.getByRole('button', { name: 'Forget token' }).click()
    storage = await stored()
    expect(storage.session).not.toContain(token)
  })
})
