import type { Page } from '@playwright/test'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'
import { replaceSegment } from './support/segments-page'

// A marketer's 1280 × 720 laptop and a 1920 × 1080 desktop: every page and the confirmation
// dialog fit the width (no sideways scrolling) and the dialog's buttons are on screen.
// `npm run screenshots` runs this story with SCREENSHOTS=1 and keeps what it saw in
// docs/screenshots/ (the README shows them).

const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]

async function overflowSideways(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
}

async function keep(page: Page, name: string, screen: { width: number }) {
  if (!process.env.SCREENSHOTS) return
  await page.screenshot({ path: `docs/screenshots/${name}-${screen.width}.png` })
}

for (const screen of SCREENS) {
  test(`every page and the confirmation fit a ${screen.width} × ${screen.height} screen`, async ({
    connectedPage: page,
  }) => {
    await page.setViewportSize(screen)
    await page.getByLabel('CSV files').setInputFiles([
      createTableCsv({
        name: 'renewals.csv',
        header: ['Account ID', 'Name'],
        rows: Array.from({ length: 40 }, (_, row) => [`000${1000 + row}`, `Fan ${row}`]),
      }),
      createTableCsv({ name: 'lapsed.csv', header: ['Account ID'], rows: [['0001003']] }),
    ])
    await expect(page.getByText('40 IDs will be sent.')).toBeVisible()
    await page.getByLabel('Title').fill('Season ticket renewals')
    expect(await overflowSideways(page)).toBe(0)
    await keep(page, 'segments', screen)

    await page.getByRole('button', { name: 'Upload segment' }).click()
    const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
    const replace = dialog.getByRole('button', { name: 'Replace segment' })
    await expect(replace).toBeInViewport()
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport()
    expect(await overflowSideways(page)).toBe(0)
    await keep(page, 'confirm', screen)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await replaceSegment(page, 40)

    for (const name of ['History', 'User properties', 'Settings']) {
      await page.getByRole('link', { name }).click()
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
      if (name === 'History') {
        await expect(page.getByRole('row', { name: /seasonTicketRenewals/ })).toHaveCount(1)
        // Every column, Actions last, is on screen without scrolling the table sideways.
        await expect(
          page.getByRole('button', { name: /^Restore this version: seasonTicketRenewals/ }),
        ).toBeInViewport({ ratio: 1 })
      }
      expect(await overflowSideways(page)).toBe(0)
      await keep(page, name.toLowerCase().replace(' ', '-'), screen)
    }
  })
}
