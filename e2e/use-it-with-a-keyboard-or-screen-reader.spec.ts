import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'

/** axe-core's serious and critical findings on the page as it is now, one line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes
        .map((node) => node.target.join(' '))
        .map((target) => `${violation.id} (${violation.impact}): ${target}`),
    )
}

test('every page and dialog has no serious or critical accessibility violations', async ({
  page,
  connectWithClubToken,
}) => {
  // Nine axe analyses of whole pages: 1.5–2 minutes when the machine is loaded (as CI is, with the
  // unit tests beside the stories), against the two a story is given.
  test.slow()
  const found: Record<string, string[]> = {}
  await page.goto('/segments')
  await expect(page.getByRole('heading', { name: 'Segments' })).toBeVisible()
  found['Segments, empty'] = await seriousViolations(page)

  await connectWithClubToken(page)
  await page.getByLabel('CSV files').setInputFiles(
    createTableCsv({
      name: 'renewals.csv',
      header: ['Account ID', 'Name'],
      rows: [
        ['00012345', 'Ada'],
        ['00012345', 'Ada'],
        ['1.23457E+11', 'Bo'],
        ['00012346', 'Cy'],
      ],
    }),
  )
  await expect(page.getByText('2 IDs will be sent.')).toBeVisible()
  found['Segments, with a source and the preview'] = await seriousViolations(page)

  await page.getByLabel('Title').fill('Accessible fans')
  await page.getByRole('button', { name: 'Upload segment' }).click()
  const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
  await expect(dialog.getByRole('button', { name: 'Replace segment' })).toBeEnabled()
  found['Confirmation dialog'] = await seriousViolations(page)
  await dialog.getByRole('button', { name: 'Replace segment' }).click()
  await expect(page.getByRole('region', { name: 'Upload result' })).toContainText(
    'queued 2 for import',
  )
  found['Upload result'] = await seriousViolations(page)

  await page.getByRole('link', { name: 'History' }).click()
  await expect(page.getByRole('row', { name: /accessibleFans/ })).toHaveCount(1)
  found['History, with rows'] = await seriousViolations(page)

  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible()
  found.Settings = await seriousViolations(page)

  await page.getByRole('link', { name: 'User properties' }).click()
  await expect(page.getByRole('heading', { name: 'User properties', level: 2 })).toBeVisible()
  found['User properties, ad-hoc edit'] = await seriousViolations(page)
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()
  found['User properties, bulk update'] = await seriousViolations(page)

  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  found['Page not found'] = await seriousViolations(page)

  expect(found).toEqual({
    'Segments, empty': [],
    'Segments, with a source and the preview': [],
    'Confirmation dialog': [],
    'Upload result': [],
    'History, with rows': [],
    Settings: [],
    'User properties, ad-hoc edit': [],
    'User properties, bulk update': [],
    'Page not found': [],
  })
})

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after 40 presses. */
async function tabTo(page: Page, target: Locator, direction: 'forward' | 'backward' = 'forward') {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press(direction === 'forward' ? 'Tab' : 'Shift+Tab')
  }
  throw new Error(
    `40 presses of ${direction === 'forward' ? 'Tab' : 'Shift+Tab'} never reached ${target}`,
  )
}

test('a marketer refreshes a segment with the keyboard alone, and hears how it went', async ({
  page,
  fanpass,
}) => {
  await page.goto('/segments')
  const announcer = page.getByRole('status', { name: 'Segment progress' })
  await expect(announcer).toHaveCount(1)
  await expect(announcer).toHaveAttribute('aria-live', 'polite')

  await tabTo(page, page.getByRole('button', { name: 'Use sandbox token' }))
  await page.keyboard.press('Enter')
  await expect(page.getByText(/Signed in as Sandbox Marketer/)).toBeVisible()

  await tabTo(page, page.getByLabel('Paste user IDs'))
  await page.keyboard.type('111\n222\n333')
  await tabTo(page, page.getByRole('button', { name: 'Add pasted IDs' }))
  await page.keyboard.press('Space')
  await expect(page.getByText('3 IDs will be sent.')).toBeVisible()

  await tabTo(page, page.getByLabel('Title'))
  await page.keyboard.type('Keyboard fans')
  const upload = page.getByRole('button', { name: 'Upload segment' })
  await tabTo(page, upload)
  await page.keyboard.press('Enter')

  // The dialog takes the focus, Cancel gives it back to Upload segment.
  const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
  await expect(dialog).toBeVisible()
  await expect
    .poll(() => dialog.evaluate((element) => element.contains(document.activeElement)))
    .toBe(true)
  await tabTo(page, dialog.getByRole('button', { name: 'Cancel' }))
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(upload).toBeFocused()

  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  await expect
    .poll(() => dialog.evaluate((element) => element.contains(document.activeElement)))
    .toBe(true)
  await tabTo(page, dialog.getByRole('button', { name: 'Replace segment' }), 'backward')
  await page.keyboard.press('Space')

  const result = page.getByRole('region', { name: 'Upload result' })
  await expect(result).toContainText('Segment Keyboard fans queued 3 for import')
  await expect(dialog).toHaveCount(0)
  await expect(upload).toBeFocused()
  await expect(announcer).toHaveText('Segment keyboardFans replaced. FanPass accepted the request.')
  expect((await fanpass.segment('keyboardFans'))?.userIds).toEqual(['111', '222', '333'])
})

test('reading a file and sending a segment are announced in the live region', async ({
  connectedPage: page,
  fanpass,
}) => {
  const announcer = page.getByRole('status', { name: 'Segment progress' })
  await fanpass.injectFault({ delayMs: 1_500, path: '/api/v1/segments' })

  await page.getByLabel('CSV files').setInputFiles([
    createTableCsv({
      name: 'fans.csv',
      header: ['Account ID'],
      rows: [['00012345'], ['00012346']],
    }),
    {
      name: 'fans.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('PK\x03\x04'),
    },
  ])
  await expect(announcer).toContainText(
    /fans\.(csv read: 2 unique IDs kept|xlsx could not be read)\./,
  )
  await expect(page.getByRole('status').filter({ hasText: '2 IDs will be sent.' })).toHaveAttribute(
    'aria-live',
    'polite',
  )
  await page.getByRole('button', { name: 'Remove fans.xlsx' }).click()

  await page.getByLabel('Title').fill('Announced')
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Replace segment' }).click()
  await expect(announcer).toHaveText(/^Sending \d+ bytes to FanPass…$/)
  await expect(announcer).toHaveText('Segment announced replaced. FanPass accepted the request.')
})
