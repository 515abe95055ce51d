import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'
import { importSandboxAttributes } from './support/property-builders'
import { replaceSegment, sourceCard } from './support/segments-page'

// The same export arrives every week: what the marketer chose for last week's file comes back for
// this week's, when its header row is the same, with one line saying so and a way back.

const MEMBERS_HEADER = ['Email', 'Account ID', 'CRM Ref']

function membersExport(name: string, week: number) {
  return createTableCsv({
    name,
    lineEnding: '\r\n',
    header: MEMBERS_HEADER,
    rows: [1, 2, 3].map((n) => [`fan${n}@club.test`, `000${week}${n}`, `CRM-${week}${n}`]),
  })
}

test('a marketer picks the CRM column once, and next week the same export is read from it again', async ({
  connectedPage: page,
  fanpass,
}) => {
  await page.getByLabel('CSV files').setInputFiles(membersExport('members-week-1.csv', 1))
  const firstWeek = sourceCard(page, 'members-week-1.csv')
  await expect(firstWeek.getByLabel('ID column in members-week-1.csv')).toHaveValue('1')
  await firstWeek.getByLabel('ID column in members-week-1.csv').selectOption({ label: 'CRM Ref' })
  await expect(page.getByRole('list', { name: 'IDs to send' })).toContainText('CRM-11')
  await firstWeek.getByRole('button', { name: 'Remove members-week-1.csv' }).click()

  await page.getByLabel('CSV files').setInputFiles(membersExport('members-week-2.csv', 2))

  const secondWeek = sourceCard(page, 'members-week-2.csv')
  await expect(secondWeek.getByLabel('ID column in members-week-2.csv')).toHaveValue('2')
  await expect(secondWeek).toContainText(
    'Read as last time: IDs from the column "CRM Ref" (the automatic choice is "Account ID").',
  )
  await page.getByLabel('Title').fill('Members')
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await page
    .getByRole('dialog', { name: 'Replace segment?' })
    .getByRole('button', { name: 'Replace segment' })
    .click()
  await expect(page.getByRole('region', { name: 'Upload result' })).toContainText(
    'queued 3 for import',
  )
  expect((await fanpass.segment('members'))?.userIds).toEqual(['CRM-21', 'CRM-22', 'CRM-23'])

  // Undone: the automatic choice again, now and for the files after this one.
  await secondWeek.getByRole('button', { name: 'Use the automatic choice' }).click()
  await expect(secondWeek.getByLabel('ID column in members-week-2.csv')).toHaveValue('1')
  await expect(secondWeek).not.toContainText('Read as last time')
  await expect(page.getByRole('list', { name: 'IDs to send' })).toContainText('00021')
  await page.getByLabel('CSV files').setInputFiles(membersExport('members-week-3.csv', 3))
  await expect(
    sourceCard(page, 'members-week-3.csv').getByLabel('ID column in members-week-3.csv'),
  ).toHaveValue('1')
})

test('a marketer subtracts the lapsed list from the renewals once, and next week the two files are combined the same way', async ({
  connectedPage: page,
}) => {
  const renewals = (week: number) =>
    createTableCsv({
      name: `renewals-week-${week}.csv`,
      header: ['Account ID', 'Name'],
      rows: [
        ['00012345', 'Ada'],
        ['00012346', 'Bo'],
        [`0001235${week}`, 'New'],
      ],
    })
  const lapsed = (week: number) =>
    createTableCsv({
      name: `lapsed-week-${week}.csv`,
      delimiter: ';',
      header: ['Name', 'Ticketing ID'],
      rows: [
        ['Bo', '00012346'],
        ['Zed', '00099999'],
      ],
    })
  const counts = page.getByRole('table', { name: 'Counts per source' })

  await page.getByLabel('CSV files').setInputFiles([lapsed(1), renewals(1)])
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()
  await counts.getByRole('button', { name: 'Move renewals-week-1.csv up' }).click()
  await expect(counts.getByRole('columnheader').nth(2)).toHaveText('Already in an earlier source')
  const leftOutOf = (row: number) => counts.getByRole('row').nth(row).getByRole('cell').nth(2)
  await expect(leftOutOf(2)).toHaveText('1')
  await page.getByRole('radio', { name: 'Subtract' }).check()
  await expect(page.getByText('2 IDs will be sent.')).toBeVisible()
  await expect(counts.getByRole('columnheader').nth(2)).toHaveText(
    'Removed: also in a later source',
  )
  await expect(leftOutOf(1)).toHaveText('1')
  await expect(leftOutOf(2)).toContainText('Subtracted from the first source')
  await page.getByRole('radio', { name: 'Intersection' }).check()
  await expect(counts.getByRole('columnheader').nth(2)).toHaveText('Not in every source')
  await page.getByRole('radio', { name: 'Subtract' }).check()
  await page.getByRole('button', { name: 'Remove all sources' }).click()

  // Next week the files are dropped in the same careless order.
  await page.getByLabel('CSV files').setInputFiles([lapsed(2), renewals(2)])

  await expect(
    page.getByText('Combined as last time: Subtract, "renewals-week-2.csv" first.'),
  ).toBeVisible()
  await expect(page.getByRole('radio', { name: 'Subtract' })).toBeChecked()
  await expect(counts.getByRole('row').nth(1)).toContainText('renewals-week-2.csv')
  await expect(page.getByText('2 IDs will be sent.')).toBeVisible()
  await expect(page.getByRole('list', { name: 'IDs to send' })).toContainText('00012352')

  await page.getByRole('button', { name: 'Use the automatic choice' }).click()
  await expect(page.getByRole('radio', { name: 'Union' })).toBeChecked()
  await expect(counts.getByRole('row').nth(1)).toContainText('lapsed-week-2.csv')
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()
  await expect(page.getByText('Combined as last time')).toHaveCount(0)
})

test("a marketer picks a workbook's second sheet once, and next week's workbook is read from it", async ({
  connectedPage: page,
}) => {
  const bytes = readFileSync(join(import.meta.dirname, 'fixtures/workbooks/season-report.xlsx'))
  const report = (week: number) => ({
    name: `season-report-week-${week}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  })
  const sheetOf = (week: number) =>
    sourceCard(page, `season-report-week-${week}.xlsx`).getByLabel(
      `Sheet in season-report-week-${week}.xlsx`,
    )
  await page.getByLabel('CSV files').setInputFiles(report(1))
  await expect(sheetOf(1)).toHaveValue('0')
  await sheetOf(1).selectOption({ label: 'Renewals' })
  await expect(sourceCard(page, 'season-report-week-1.xlsx')).toContainText('sheet “Renewals”')
  await page.getByRole('button', { name: 'Remove all sources' }).click()

  await page.getByLabel('CSV files').setInputFiles(report(2))

  const card = sourceCard(page, 'season-report-week-2.xlsx')
  await expect(card).toContainText('Read as last time: the sheet "Renewals".')
  await expect(sheetOf(2)).toHaveValue('1')
  await expect(page.getByText('3 IDs will be sent.')).toBeVisible()

  await card.getByRole('button', { name: 'Use the automatic sheet' }).click()
  await expect(sheetOf(2)).toHaveValue('0')
  await expect(card).not.toContainText('Read as last time')
  await page.getByRole('button', { name: 'Remove all sources' }).click()
  await page.getByLabel('CSV files').setInputFiles(report(3))
  await expect(sheetOf(3)).toHaveValue('0')
  await expect(sourceCard(page, 'season-report-week-3.xlsx')).not.toContainText('Read as last time')
})

test('a marketer uploads two exports to a tag, and next week the same exports say which tag they fed', async ({
  connectedPage: page,
}) => {
  const exports = (week: number) => [
    createTableCsv({
      name: `app-users-week-${week}.csv`,
      header: ['User ID'],
      rows: [['111'], ['222']],
    }),
    createTableCsv({
      name: `box-office-week-${week}.csv`,
      header: ['Account ID', 'Name'],
      rows: [
        ['222', 'Bo'],
        [`33${week}`, 'Cy'],
      ],
    }),
  ]
  await page.getByLabel('CSV files').setInputFiles(exports(1))
  await expect(page.getByText('3 IDs will be sent.')).toBeVisible()
  await page.getByLabel('Title').fill('Matchday fans')
  await replaceSegment(page, 3)
  await page.getByRole('button', { name: 'Remove all sources' }).click()

  await page.getByLabel('CSV files').setInputFiles(exports(2))

  await expect(
    page.getByText('Combined as last time for matchdayFans: Union, "app-users-week-2.csv" first.'),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Use the automatic choice' }).click()
  await expect(page.getByText('Combined as last time')).toHaveCount(0)
})

test('a marketer maps the columns of a properties export once, and next week the same export is mapped the same way', async ({
  connectedPage: page,
  fanpass,
}) => {
  const season = (week: number) =>
    createTableCsv({
      name: `season-week-${week}.csv`,
      lineEnding: '\r\n',
      header: ['Account ID', 'membership_tier', 'Favourite Team', 'seat_section'],
      rows: [
        [`${week}001`, 'Gold', 'Reds', 'Block 1'],
        [`${week}002`, 'Silver', 'Blues', 'Block 2'],
      ],
    })
  await importSandboxAttributes(page)
  await page.getByRole('link', { name: 'User properties' }).click()
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()

  await page.getByLabel('Properties CSV').setInputFiles(season(1))
  await page.getByLabel('Property name for column Favourite Team').fill('favourite_team')
  await page.getByLabel('Send column seat_section').uncheck()
  await expect(page.getByRole('status', { name: 'Plan' })).toContainText('2 rows →')

  await page.getByLabel('Properties CSV').setInputFiles(season(2))

  await expect(
    page.getByText(
      'Read as last time: user IDs from "Account ID"; 2 of 3 columns sent, "Favourite Team" as favourite_team.',
    ),
  ).toBeVisible()
  await expect(page.getByLabel('Property name for column Favourite Team')).toHaveValue(
    'favourite_team',
  )
  await expect(page.getByLabel('Send column seat_section')).not.toBeChecked()
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect(page.getByRole('region', { name: 'Update report' })).toContainText('0 failed.')
  expect((await fanpass.user('2001'))?.properties).toEqual({
    membership_tier: 'Gold',
    favourite_team: 'Reds',
  })

  await page.getByRole('button', { name: 'Use the automatic choice' }).click()
  await expect(page.getByLabel('Property name for column Favourite Team')).toHaveValue(
    'Favourite Team',
  )
  await expect(page.getByLabel('Send column seat_section')).toBeChecked()
  await expect(page.getByText('Read as last time')).toHaveCount(0)
})
