import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/console-test'
import {
  keepRowsWhereOneOf,
  refreshWithRecipe,
  replaceSegment,
  replaceSegments,
  sourceCard,
  splitByValue,
} from './support/segments-page'
import {
  nextWeekDayMonthTicketsCsv,
  nextWeekPlanTypesCsv,
  nextWeekTicketsCsv,
  planTypesTicketsCsv,
  seasonTicketsCsv,
  ticketsWithoutRenewalStatusCsv,
  weekAfterDayMonthTicketsCsv,
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

test("a recipe that splits by plan type is run next week by a colleague, who sees each tag's change and sends every segment in one confirmation", async ({
  connectedPage: page,
  openColleague,
  fanpass,
}) => {
  // Marketer A splits Monday's export into one segment per plan, saves how, and sends them.
  await page.getByLabel('CSV files').setInputFiles([planTypesTicketsCsv()])
  const table = await splitByValue(page, 'tickets-by-plan.csv', 'Plan Type')
  await sourceCard(page, 'tickets-by-plan.csv').getByLabel('Title pattern').fill('Plan: {value}')
  await expect(table.getByRole('textbox', { name: 'Title of Mini Plan' })).toHaveValue(
    'Plan: Mini Plan',
  )
  await page.getByRole('button', { name: 'Save as recipe' }).click()
  const save = page.getByRole('dialog', { name: 'Save as recipe' })
  await save.getByLabel('Recipe name').fill('Plans of the week')
  await save.getByRole('button', { name: 'Save recipe' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved the recipe' })).toBeVisible()
  await expect(await replaceSegments(page, 4)).toContainText('All 4 segments replaced.')
  const stored = async (tag: string) => (await fanpass.segment(tag))?.userIds.sort()
  expect(await stored('planMiniPlan')).toEqual(['10008', '10010'])

  // Marketer B, in another browser, refreshes it with next week's file.
  const sam = await openColleague('Sam Roe')
  await sam.getByRole('link', { name: 'Recipes' }).click()
  const row = sam.getByRole('row', { name: /Plans of the week/ })
  await expect(row).toContainText('1 file, 0 conditions, one segment per value of Plan Type')
  await row.getByRole('button', { name: 'Refresh with this recipe' }).click()
  const refresh = sam.getByRole('region', { name: 'Refresh with a recipe' })
  await expect(refresh).toContainText(
    'One segment per value of Plan Type, each tagged plan and the value, titled “Plan: {value}”.',
  )
  await refresh.getByLabel("This week's files").setInputFiles([nextWeekPlanTypesCsv()])
  await expect(refresh.getByRole('status')).toContainText(
    '"Plans of the week" is applied to this week\'s files',
  )
  await expect(sam.getByRole('table', { name: 'Segments per value of Plan Type' })).toBeVisible()
  await expect(sam.getByText('4 of 4 values ticked: 4 segments with 12 IDs.')).toBeVisible()

  const result = await replaceSegments(sam, 4, async (dialog) => {
    const confirmed = dialog.getByRole('table', { name: 'Segments to replace' })
    const change = (tag: string) => confirmed.getByRole('row', { name: new RegExp(tag) })
    await expect(change('planFullSeason')).toContainText('0 added, 1 removed')
    await expect(change('planHalfSeason')).toContainText('1 added, 0 removed')
    await expect(change('planFlexPlan')).toContainText('1 added, 0 removed')
    await expect(change('planMiniPlan')).toContainText('1 added, 1 removed')
    await expect(change('planMiniPlan')).toContainText('Plan: Mini Plan')
  })
  await expect(result).toContainText('All 4 segments replaced.')
  expect(await stored('planFullSeason')).toEqual(['10001', '10004', '10006'])
  expect(await stored('planHalfSeason')).toEqual(['10002', '10003', '10007', '10011'])
  expect(await stored('planFlexPlan')).toEqual(['10005', '10009', '10012'])
  expect(await stored('planMiniPlan')).toEqual(['10008', '10013'])
})

test("a recipe's date condition on a file whose dates could be either order asks which on the card, sends nothing until answered, then applies and keeps the answer for the team's next refresh", async ({
  connectedPage: page,
  openColleague,
  fanpass,
}) => {
  // Monday's export writes ISO dates: the condition needs no day/month order, and saves none.
  await page.getByLabel('CSV files').setInputFiles([seasonTicketsCsv()])
  const monday = sourceCard(page, 'tickets-monday.csv').getByRole('region', {
    name: 'Keep rows where…',
  })
  await monday.getByLabel('Column').selectOption('Last Purchase')
  await monday.getByLabel('Operator').selectOption({ label: 'is after' })
  await monday.getByLabel('Date').fill('2026-10-01')
  await monday.getByRole('button', { name: 'Add condition' }).click()
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()
  await page.getByLabel('Title').fill('Recent buyers')
  await page.getByRole('button', { name: 'Save as recipe' }).click()
  const save = page.getByRole('dialog', { name: 'Save as recipe' })
  await save.getByLabel('Recipe name').fill('Recent buyers')
  await save.getByRole('button', { name: 'Save recipe' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved the recipe' })).toBeVisible()

  // Next week's file writes 02/11/2026: the card asks, and nothing can be sent meanwhile.
  const refresh = await refreshWithRecipe(page, 'Recent buyers', [nextWeekDayMonthTicketsCsv()])
  const question = 'Is 02/11/2026 the 2nd of November or the 11th of February?'
  await expect(refresh.getByRole('status')).toContainText(
    `"Recent buyers" waits for one answer: on the card of tickets-day-month.csv, ${question}`,
  )
  await expect(page.getByText('Nothing can be sent yet')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Upload segment' })).toBeDisabled()

  const card = sourceCard(page, 'tickets-day-month.csv').getByRole('region', {
    name: 'Keep rows where…',
  })
  await card
    .getByRole('radiogroup', { name: question })
    .getByRole('radio', { name: 'the 2nd of November (day first)' })
    .click()
  await expect(card).toContainText(
    'Last Purchase is after 2026-10-01 (dates read day first) — keeps 3 rows',
  )
  await expect(card).toContainText('3 of 5 rows kept → 3 IDs')
  await expect(refresh.getByRole('status')).toContainText(
    '"Recent buyers" is applied to this week\'s files',
  )
  expect(await fanpass.requests('/api/v1/segments')).toHaveLength(0)
  await replaceSegment(page, 3)
  expect((await fanpass.segment('recentBuyers'))?.userIds.sort()).toEqual([
    '10001',
    '10003',
    '10010',
  ])
  // Sent, so the answer is the recipe's now: the team's next refresh reads the dates day first.
  await expect(
    page.getByText('The recipe "Recent buyers" now reads Last Purchase day first'),
  ).toBeVisible()

  // The week after, a colleague in another browser refreshes it with another day/month file.
  const sam = await openColleague('Sam Roe')
  const samRefresh = await refreshWithRecipe(sam, 'Recent buyers', [weekAfterDayMonthTicketsCsv()])
  await expect(samRefresh.getByRole('status')).toContainText(
    '"Recent buyers" is applied to this week\'s files',
  )
  const samCard = sourceCard(sam, 'tickets-day-month-after.csv').getByRole('region', {
    name: 'Keep rows where…',
  })
  await expect(samCard).toContainText(
    'Last Purchase is after 2026-10-01 (dates read day first) — keeps 4 rows',
  )
  await expect(samCard.getByRole('radiogroup')).toHaveCount(0)
  await replaceSegment(sam, 4)
  expect((await fanpass.segment('recentBuyers'))?.userIds.sort()).toEqual([
    '10001',
    '10010',
    '10012',
    '10013',
  ])
})
