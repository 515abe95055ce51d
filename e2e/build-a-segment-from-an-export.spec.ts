import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './support/console-test'
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
  })
  const stored = await fanpass.segment('fullSeasonRenewals')
  expect(stored?.userIds.sort()).toEqual(['10001', '10004', '10006', '10009'])
})
