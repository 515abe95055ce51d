import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'

/** The scheme the console is drawn in, as Mantine marks it on <html>. */
function shownScheme(page: Page) {
  return page.locator('html').getAttribute('data-mantine-color-scheme')
}

/** Every axe-core finding on the page as it is now, one line per element. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}`,
    ),
  )
}

test('the console opens dark when the system is dark, and Light chosen in Settings stays after a reload', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/settings')
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible()
  await expect.poll(() => shownScheme(page)).toBe('dark')
  const scheme = page.getByRole('radiogroup', { name: 'Colour scheme' })
  await expect(scheme.getByRole('radio', { name: 'System' })).toBeChecked()

  // From the keyboard: the arrow keys move between System, Light and Dark.
  await scheme.getByRole('radio', { name: 'System' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(scheme.getByRole('radio', { name: 'Light' })).toBeChecked()
  await expect.poll(() => shownScheme(page)).toBe('light')

  await page.reload()
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked()
  await expect.poll(() => shownScheme(page)).toBe('light')
})

test('a dark system, or Dark chosen in Settings, never flashes a white page while the console loads', async ({
  page,
}) => {
  // Hold the app's JavaScript back: what shows meanwhile is the page before React draws it.
  let releaseApp = () => {}
  const appHeldBack = new Promise<void>((resolve) => (releaseApp = resolve))
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await appHeldBack
    await route.continue()
  })
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/segments', { waitUntil: 'commit' })
  await expect.poll(() => shownScheme(page)).toBe('dark')
  await expect.poll(background).toBe('rgb(36, 36, 36)')
  // Still the page before React: had the route above missed the app's bundle, this would fail.
  await expect(page.getByRole('heading', { name: 'Segments', level: 2 })).toHaveCount(0)

  releaseApp()
  await expect(page.getByRole('heading', { name: 'Segments', level: 2 })).toBeVisible()
  expect(await shownScheme(page)).toBe('dark')

  // Dark chosen on a light system is kept from the first paint too.
  await page.emulateMedia({ colorScheme: 'light' })
  await page.getByRole('link', { name: 'Settings' }).click()
  const scheme = page.getByRole('radiogroup', { name: 'Colour scheme' })
  await scheme.getByText('Dark', { exact: true }).click()
  await expect(scheme.getByRole('radio', { name: 'Dark' })).toBeChecked()
  await page.reload({ waitUntil: 'commit' })
  await expect.poll(() => shownScheme(page)).toBe('dark')
  await expect.poll(background).toBe('rgb(36, 36, 36)')
})

// One story a scheme: the ten axe scans of both in one story outlasted its two minutes twice at
// a load of 23 on CI's two cores. The file's stories are independent, so the two workers share them.
test.describe.configure({ mode: 'parallel' })

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page reads in ${colorScheme}, with no accessibility violations`, async ({
    connectedPage: page,
  }) => {
    // One upload first, so History has a row and Segments its result.
    await page.getByLabel('Paste user IDs').fill('111\n222\n333')
    await page.getByRole('button', { name: 'Add pasted IDs' }).click()
    await expect(page.getByText('3 IDs will be sent.')).toBeVisible()
    await page.getByLabel('Title').fill('Fans after dark')
    await page.getByRole('button', { name: 'Upload segment' }).click()
    const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
    await dialog.getByRole('button', { name: 'Replace segment' }).click()
    await expect(page.getByRole('region', { name: 'Upload result' })).toContainText(
      'queued 3 for import',
    )

    const found: Record<string, string[]> = {}
    await page.emulateMedia({ colorScheme })
    await expect.poll(() => shownScheme(page)).toBe(colorScheme)
    for (const name of ['Segments', 'User properties', 'History', 'Settings']) {
      await page.getByRole('link', { name }).click()
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
      if (name === 'History')
        await expect(page.getByRole('row', { name: /fansAfterDark/ })).toHaveCount(1)
      found[`${name}, ${colorScheme}`] = await violations(page)
    }
    // The bulk update's column verdicts (a name FanPass refuses) and its preview grid.
    await page.getByRole('link', { name: 'User properties' }).click()
    await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()
    await page.getByLabel('Properties CSV').setInputFiles(
      createTableCsv({
        name: 'season.csv',
        header: ['user_id', 'Favourite Team', 'tier'],
        rows: [
          ['111', 'Rovers', 'gold'],
          ['222', 'United', 'silver'],
        ],
      }),
    )
    await expect(page.getByRole('table', { name: 'Preview of season.csv' })).toContainText('Rovers')
    found[`User properties, bulk update, ${colorScheme}`] = await violations(page)

    expect(found).toEqual({
      [`Segments, ${colorScheme}`]: [],
      [`User properties, ${colorScheme}`]: [],
      [`History, ${colorScheme}`]: [],
      [`Settings, ${colorScheme}`]: [],
      [`User properties, bulk update, ${colorScheme}`]: [],
    })
  })
}
