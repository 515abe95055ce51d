import { join } from 'node:path'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'
import { importSandboxAttributes } from './support/property-builders'
import { replaceSegment, sourceCard } from './support/segments-page'

// Workbooks saved by LibreOffice Calc (see e2e/fixtures/workbooks/README.md), dropped as a
// marketer downloads them from the ticketing system or the CRM.
const workbook = (name: string) => join(import.meta.dirname, 'fixtures/workbooks', name)

test('a marketer drops an .xlsx whose ID column Excel shows as 1.23457E+11, and FanPass receives the full digits', async ({
  connectedPage: page,
  fanpass,
}) => {
  await page.getByLabel('CSV files').setInputFiles(workbook('fans-scientific.xlsx'))

  const card = sourceCard(page, 'fans-scientific.xlsx')
  await expect(card).toContainText('Excel workbook · sheet “Fans”')
  await expect(card).toContainText('5 rows read, 4 unique IDs kept.')
  await expect(page.getByRole('list', { name: 'IDs to send' })).toContainText('123456789012')

  await page.getByLabel('Title').fill('Workbook fans')
  await replaceSegment(page, 4)
  expect((await fanpass.segment('workbookFans'))?.userIds).toEqual([
    '123456789012',
    '123456789013',
    '234567890123',
    '345678901234',
  ])
})

test('a marketer picks the second sheet of a report whose first sheet is a summary', async ({
  connectedPage: page,
  fanpass,
}) => {
  await page.getByLabel('CSV files').setInputFiles(workbook('season-report.xlsx'))
  const card = sourceCard(page, 'season-report.xlsx')
  const sheet = card.getByLabel('Sheet in season-report.xlsx')
  await expect(sheet).toHaveValue('0')
  await expect(sheet.locator('option')).toHaveText(['Summary', 'Renewals', 'Old list (hidden)'])

  await sheet.selectOption({ label: 'Renewals' })

  await expect(card).toContainText('sheet “Renewals”')
  await expect(card.getByLabel('ID column in season-report.xlsx')).toHaveValue('1')
  await expect(card).toContainText(
    'Read 1 number cell with the leading zeros its cell format shows (like 123 shown as 000123), as Excel displays it.',
  )
  await page.getByLabel('Title').fill('Renewals from the report')
  await replaceSegment(page, 3)
  expect((await fanpass.segment('renewalsFromTheReport'))?.userIds).toEqual([
    '00012345',
    '00012346',
    '0012347',
  ])
})

test('a marketer subtracts an .ods and an .xls of lapsed members from a CSV', async ({
  connectedPage: page,
  fanpass,
}) => {
  const members = createTableCsv({
    name: 'members.csv',
    header: ['Account ID'],
    rows: [['0012345'], ['0012346'], ['0012347'], ['0012349']],
  })
  await page.getByLabel('CSV files').setInputFiles(members)
  await expect(sourceCard(page, 'members.csv')).toContainText('4 unique IDs kept')
  await page.getByLabel('CSV files').setInputFiles([workbook('lapsed.ods'), workbook('lapsed.xls')])
  await expect(sourceCard(page, 'lapsed.ods')).toContainText('OpenDocument spreadsheet')
  await expect(sourceCard(page, 'lapsed.xls')).toContainText('Excel 97–2003 workbook')

  await page.getByRole('radio', { name: 'Subtract' }).check()

  await expect(page.getByText('2 IDs will be sent.')).toBeVisible()
  await page.getByLabel('Title').fill('Still members')
  await replaceSegment(page, 2)
  expect((await fanpass.segment('stillMembers'))?.userIds).toEqual(['0012345', '0012347'])
})

test('a marketer updates members from an .xlsx of numbers, dates and booleans', async ({
  connectedPage: page,
  fanpass,
}) => {
  await importSandboxAttributes(page)
  await page.getByRole('link', { name: 'User properties' }).click()
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()

  await page.getByLabel('Properties CSV').setInputFiles(workbook('member-properties.xlsx'))

  await expect(
    page.getByText('Dates in “member_since” are sent as YYYY-MM-DD (like 2019-08-10).'),
  ).toBeVisible()
  const preview = page.getByRole('table', { name: 'Preview of member-properties.xlsx' })
  await expect(preview).toContainText('0000001')
  await expect(preview).toContainText('2.5')
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect(page.getByRole('region', { name: 'Update report' })).toContainText('0 failed.')

  expect((await fanpass.user('0000001'))?.properties).toEqual({
    loyalty_points: '1500',
    member_since: '2019-08-10',
    season_ticket_holder: 'true',
    membership_tier: 'Gold',
  })
  expect((await fanpass.user('0000002'))?.properties).toMatchObject({
    loyalty_points: '2.5',
    season_ticket_holder: 'false',
  })
  expect((await fanpass.user('0000003'))?.properties).toMatchObject({
    loyalty_points: '0.3',
    member_since: '2024-02-29',
  })
})
