import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/console-test'
import { accessibilityViolations } from './support/page-health'
import { keepRowsWhereOneOf, replaceSegment, sourceCard } from './support/segments-page'
import { seasonTicketsCsv } from './support/ticketing-export'

test('a marketer keeps the Full Season renewals of a ticketing export and sends exactly their fans', async ({
  connectedPage: page,
  fanpass,
}) => {
  await page.getByLabel('CSV files').setInputFiles([seasonTicketsCsv()])
  const card = sourceCard(page, 'tickets-monday.csv')
  await expect(card).toContainText('9 unique IDs kept')
  const section = card.getByRole('region', { name: 'Keep rows where…' })
  await expect(section).toContainText('10 of 10 rows kept → 9 IDs')

  await keepRowsWhereOneOf(section, 'Plan Type', 'Full Season (6 rows)')
  await expect(section).toContainText('Plan Type is one of Full Season — keeps 6 rows')
  await keepRowsWhereOneOf(section, 'Renewal Status', 'Renewed (8 rows)')
  await expect(section).toContainText('and Renewal Status is one of Renewed — keeps 8 rows')
  await expect(section).toContainText('4 of 10 rows kept → 3 IDs')
  await expect(section).toContainText(
    'A fan with several rows is in when any kept row has their ID.',
  )
  await expect(page.getByText('3 IDs will be sent.')).toBeVisible()

  // 'Full Season ' (a trailing space) is not 'Full Season': the card asks before including it.
  await expect(section).toContainText("'Full Season ' looks like 'Full Season': include it?")
  const findings = await new AxeBuilder({ page }).analyze()
  expect(
    findings.violations.flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id}: ${node.target.join(' ')} ${node.failureSummary ?? ''}`,
      ),
    ),
  ).toEqual([])
  await section.getByRole('button', { name: 'Include it' }).click()
  await expect(section).toContainText(
    'Plan Type is one of Full Season or “Full Season ” — keeps 7 rows',
  )
  await expect(section).toContainText('5 of 10 rows kept → 4 IDs')
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()

  await page.getByLabel('Title').fill('Full Season renewals')
  await replaceSegment(page, 4, async (dialog) => {
    await expect(dialog).toContainText('with 4 IDs')
    expect(await accessibilityViolations(page, '[role="dialog"]')).toEqual([])
  })
  const stored = await fanpass.segment('fullSeasonRenewals')
  expect(stored?.userIds.sort()).toEqual(['10001', '10004', '10006', '10009'])
})

test("a marketer filters this season's sheet of a workbook, its Excel dates as dates, and sends exactly those fans", async ({
  connectedPage: page,
  fanpass,
}) => {
  await page
    .getByLabel('CSV files')
    .setInputFiles(join(import.meta.dirname, 'fixtures/workbooks/season-tickets.xlsx'))
  const card = sourceCard(page, 'season-tickets.xlsx')
  await expect(card).toContainText('Excel workbook · sheet “Last season”')
  const section = card.getByRole('region', { name: 'Keep rows where…' })
  await keepRowsWhereOneOf(section, 'Plan Type', 'Full Season (1 row)')
  await expect(section).toContainText('1 of 2 rows kept → 1 ID')

  await card.getByLabel('Sheet in season-tickets.xlsx').selectOption({ label: 'This season' })
  await expect(card).toContainText(
    'Sheet “This season” is read now, so the condition set on sheet “Last season” was cleared.',
  )
  await expect(section).toContainText('7 of 7 rows kept → 6 IDs')

  await keepRowsWhereOneOf(section, 'Plan Type', 'Full Season (6 rows)')
  await section.getByLabel('Column').selectOption('Last Purchase')
  await section.getByLabel('Operator').selectOption('is after')
  await section.getByLabel('Date').fill('2026-10-01')
  await section.getByRole('button', { name: 'Add condition' }).click()
  await expect(section).toContainText('and Last Purchase is after 2026-10-01 — keeps 5 rows')
  await expect(section).toContainText('4 of 7 rows kept → 3 IDs')

  await page.getByLabel('Title').fill('Full Season this autumn')
  await replaceSegment(page, 3)
  const stored = await fanpass.segment('fullSeasonThisAutumn')
  expect(stored?.userIds).toEqual(['10001', '10006', '10009'])
})
