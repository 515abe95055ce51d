import type { Page } from '@playwright/test'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'
import { replaceSegment, replaceSegments, sourceCard, splitByValue } from './support/segments-page'
import { nextWeekPlanTypesCsv, planTypesTicketsCsv } from './support/ticketing-export'

// A marketer's 1280 × 720 laptop and a 1920 × 1080 desktop: every page and the confirmation
// dialog fit the width (no sideways scrolling) and the dialog's buttons are on screen, and so
// does a split's table with each tag's change.
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

  test(`a ticketing export split by plan type fits a ${screen.width} × ${screen.height} screen`, async ({
    connectedPage: page,
  }) => {
    await page.setViewportSize(screen)
    // Last week's split is sent first, so that this week's table has changes to show.
    for (const [file, sends] of [
      [planTypesTicketsCsv(), true],
      [nextWeekPlanTypesCsv(), false],
    ] as const) {
      await page.getByLabel('CSV files').setInputFiles([file])
      const table = await splitByValue(page, file.name, 'Plan Type')
      await sourceCard(page, file.name).getByLabel('Title pattern').fill('Plan: {value}')
      await expect(table.getByRole('textbox', { name: 'Title of Mini Plan' })).toHaveValue(
        'Plan: Mini Plan',
      )
      if (!sends) break
      await expect(await replaceSegments(page, 4)).toContainText('All 4 segments replaced.')
      await page.getByRole('button', { name: `Remove ${file.name}` }).click()
    }
    const table = page.getByRole('table', { name: 'Segments per value of Plan Type' })
    await expect(table.getByRole('row', { name: /Mini Plan/ })).toContainText('1 added, 1 removed')
    await table.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    // Every column, the change last, is on screen without scrolling the table sideways.
    await expect(
      table.getByRole('columnheader', { name: 'Change since the team’s last version' }),
    ).toBeInViewport({ ratio: 1 })
    expect(await overflowSideways(page)).toBe(0)
    await keep(page, 'split', screen)
  })
}
