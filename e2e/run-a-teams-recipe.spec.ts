import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/console-test'
import { keepRowsWhereOneOf, replaceSegment, sourceCard } from './support/segments-page'
import {
  nextWeekTicketsCsv,
  seasonTicketsCsv,
  ticketsWithoutRenewalStatusCsv,
} from './support/ticketing-export'

test('a recipe saved by one marketer is run next week by a colleague in another browser, who sees the change and sends it; a file missing a column sends nothing', async ({
  connectedPage: page,
  openColleague,
  fanpass,
}) => {
  // Marketer A keeps the Full Season renewals of Monday's export, saves how, and sends it.
  await page.getByLabel('CSV files').setInputFiles([seasonTicketsCsv()])
  const section = sourceCard(page, 'tickets-monday.csv').getByRole('region', {
    name: 'Keep rows where…',
  })
  await keepRowsWhereOneOf(section, 'Plan Type', 'Full Season (6 rows)')
  await keepRowsWhereOneOf(section, 'Renewal Status', 'Renewed (8 rows)')
  await expect(page.getByText('3 IDs will be sent.')).toBeVisible()
  await page.getByLabel('Title').fill('Full Season renewals')

  await page.getByRole('button', { name: 'Save as recipe' }).click()
  const save = page.getByRole('dialog', { name: 'Save as recipe' })
  await save.getByLabel('Recipe name').fill('Full Season renewals')
  await save.getByLabel('Notes').fill('Every Monday, from the ticketing export')
  await save.getByRole('button', { name: 'Save recipe' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved the recipe' })).toContainText(
    'Saved the recipe “Full Season renewals”',
  )
  await replaceSegment(page, 3)
  expect((await fanpass.segment('fullSeasonRenewals'))?.userIds.sort()).toEqual([
    '10001',
    '10006',
    '10009',
  ])

  // Marketer B, in another browser, finds it with A as its maker and runs it on next week's file.
  const sam = await openColleague('Sam Roe')
  await sam.getByRole('link', { name: 'Recipes' }).click()
  const row = sam.getByRole('row', { name: /Full Season renewals/ })
  await expect(row).toContainText('Sandbox Marketer')
  await expect(row).toContainText('1 file, 2 conditions')
  await expect(row.getByRole('cell').nth(3)).toHaveText('Never')
  const findings = await new AxeBuilder({ page: sam }).analyze()
  expect(findings.violations.map((violation) => violation.id)).toEqual([])
  await row.getByRole('button', { name: 'Refresh with this recipe' }).click()

  const refresh = sam.getByRole('region', { name: 'Refresh with a recipe' })
  await refresh.getByLabel("This week's files").setInputFiles([nextWeekTicketsCsv()])
  await expect(refresh.getByRole('status')).toContainText(
    '"Full Season renewals" is applied to this week\'s files',
  )
  await expect(
    sourceCard(sam, 'tickets-next-monday.csv').getByRole('region', { name: 'Keep rows where…' }),
  ).toContainText('3 of 6 rows kept → 3 IDs')
  await expect(sam.getByLabel('Title')).toHaveValue('Full Season renewals')
  // Applied is not run: the recipe ran when FanPass accepted what it built, not before.
  await page.getByRole('link', { name: 'Recipes' }).click()
  await expect(
    page
      .getByRole('row', { name: /Full Season renewals/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('Never')
  await replaceSegment(sam, 3, async (dialog) => {
    await expect(dialog).toContainText(/Compared with Sandbox Marketer's upload of .*: 3 IDs/)
    const diff = dialog.getByRole('table', { name: /Difference from the upload of/ })
    await expect(diff.getByRole('row', { name: /Added/ })).toContainText('1')
    await expect(diff.getByRole('row', { name: /Removed/ })).toContainText('1')
    await expect(diff.getByRole('row', { name: /Unchanged/ })).toContainText('2')
  })
  expect((await fanpass.segment('fullSeasonRenewals'))?.userIds.sort()).toEqual([
    '10001',
    '10009',
    '10010',
  ])

  await sam.getByRole('link', { name: 'Recipes' }).click()
  await expect(row.getByRole('cell').nth(3)).toContainText('Sam Roe')

  // A file without a column the recipe reads is named, and nothing is applied or sent.
  const sentBefore = (await fanpass.requests('/api/v1/segments')).length
  await row.getByRole('button', { name: 'Refresh with this recipe' }).click()
  await refresh.getByLabel("This week's files").setInputFiles([ticketsWithoutRenewalStatusCsv()])
  await expect(refresh.getByRole('alert')).toContainText(
    "This week's file tickets-broken.csv has no column 'Renewal Status', which the recipe \"Full Season renewals\" reads. Nothing was applied, and nothing will be sent.",
  )
  await expect(sourceCard(sam, 'tickets-broken.csv')).toHaveCount(0)
  await expect(sam.getByText(/IDs? will be sent\./)).toHaveCount(0)
  expect(await fanpass.requests('/api/v1/segments')).toHaveLength(sentBefore)
})
