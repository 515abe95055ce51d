import type { Locator } from '@playwright/test'
import { createTableCsv, writeIdsCsv } from './support/builders'
import { expect, test } from './support/console-test'
import { sendPastedSegment, sourceCard } from './support/segments-page'

test('a marketer refreshes a segment from two CSV files using Subtract, then shrinks it with a typed confirmation', async ({
  connectedPage: page,
  fanpass,
}) => {
  const renewals = createTableCsv({
    name: 'renewals.csv',
    bom: true,
    lineEnding: '\r\n',
    header: ['Account ID', 'Name'],
    rows: [
      ['00012345', 'Ada'],
      ['00012346', 'Bo'],
      [' 00012347 ', 'Cy'],
      ['00012345', 'Ada again'],
      ['', 'No id'],
      ['00012348', 'Di'],
      ['00012349', 'Ed'],
      ['00012350', 'Flo'],
    ],
  })
  const lapsed = createTableCsv({
    name: 'lapsed.csv',
    delimiter: ';',
    header: ['Name', 'Ticketing ID'],
    rows: [
      ['Bo', '00012346'],
      ['Ed', '00012349'],
      ['Zed', '00099999'],
    ],
  })

  await page.getByLabel('CSV files').setInputFiles([renewals, lapsed])

  const renewalsCard = page.getByRole('article', { name: 'Source renewals.csv' })
  await expect(renewalsCard).toContainText('6 unique IDs kept')
  await expect(
    renewalsCard.getByRole('table', { name: 'Changes made to renewals.csv' }),
  ).toContainText('Removed 1 repeated ID')
  const lapsedCard = page.getByRole('article', { name: 'Source lapsed.csv' })
  await expect(lapsedCard).toContainText('3 unique IDs kept')
  await expect(lapsedCard.getByLabel('ID column in lapsed.csv')).toHaveValue('1')

  await page.getByRole('radio', { name: 'Subtract' }).check()
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()
  await expect(page.getByRole('list', { name: 'IDs to send' })).toContainText('00012345')

  await page.getByLabel('Title').fill('Season ticket renewals')
  await expect(page.getByLabel('Tag')).toHaveValue('seasonTicketRenewals')
  await expect(page.getByLabel('Notes')).toHaveValue(
    'Refresh from renewals.csv, lapsed.csv (4 IDs)',
  )
  await page.getByRole('button', { name: 'Upload segment' }).click()

  const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
  await expect(dialog).toContainText(
    'This replaces every member of tag seasonTicketRenewals with 4 IDs.',
  )
  await expect(dialog).toContainText(
    'Nobody in the team has uploaded seasonTicketRenewals through this console before',
  )
  await dialog.getByRole('button', { name: 'Replace segment' }).click()

  const result = page.getByRole('region', { name: 'Upload result' })
  await expect(result).toContainText('Segment Season ticket renewals queued 4 for import')
  await expect(result).toContainText('HTTP status: 200')
  await expect(result).toContainText(
    'Usable by the Personalization Engine now; up to 12 hours for Push Notifications and In-App Messages.',
  )
  const stored = await fanpass.segment('seasonTicketRenewals')
  expect(stored?.userIds.sort()).toEqual(['00012345', '00012347', '00012348', '00012350'])
  expect(stored?.title).toBe('Season ticket renewals')
  expect(stored?.notes).toBe('Refresh from renewals.csv, lapsed.csv (4 IDs)')

  // Next week only one ID is left, which is less than half of last time.
  await page.getByRole('button', { name: 'Remove all sources' }).click()
  await page.getByLabel('Paste user IDs').fill('00012345')
  await page.getByRole('button', { name: 'Add pasted IDs' }).click()
  await expect(page.getByText('1 ID will be sent.')).toBeVisible()
  await page.getByRole('button', { name: 'Upload segment' }).click()

  await expect(dialog).toContainText('with 1 ID.')
  const diff = dialog.getByRole('table', { name: /Difference from the upload of/ })
  await expect(diff.getByRole('row', { name: /Added/ })).toContainText('0')
  await expect(diff.getByRole('row', { name: /Removed/ })).toContainText('3')
  await expect(diff.getByRole('row', { name: /Unchanged/ })).toContainText('1')
  await dialog.getByRole('button', { name: 'Replace segment' }).click()
  await expect(dialog.getByText('Type seasonTicketRenewals exactly to confirm.')).toBeVisible()
  expect((await fanpass.segment('seasonTicketRenewals'))?.userIds).toHaveLength(4)

  await dialog.getByLabel('Type the tag to confirm').fill('seasonTicketRenewals')
  await dialog.getByRole('button', { name: 'Replace segment' }).click()
  await expect(result).toContainText('Segment Season ticket renewals queued 1 for import')
  expect((await fanpass.segment('seasonTicketRenewals'))?.userIds).toEqual(['00012345'])
})

test('a marketer drops a Windows export whose IDs were typed on two lines, and FanPass receives them as written', async ({
  connectedPage: page,
  fanpass,
}) => {
  await page.getByLabel('CSV files').setInputFiles({
    name: 'box-office.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Account ID,Notes\r\n"BOX\r\n0042","two lines"\r\n0043,"note\nwith LF"\r\n"BOX\r0044",x\r\n',
      'utf8',
    ),
  })

  const card = sourceCard(page, 'box-office.csv')
  await expect(card).toContainText('3 unique IDs kept')
  await expect(card.getByRole('table', { name: 'Changes made to box-office.csv' })).toContainText(
    '2 IDs contain invisible control characters; they were kept as is.',
  )
  await page.getByLabel('Title').fill('Box office')
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await page
    .getByRole('dialog', { name: 'Replace segment?' })
    .getByRole('button', { name: 'Replace segment' })
    .click()
  await expect(page.getByRole('region', { name: 'Upload result' })).toContainText(
    'queued 3 for import',
  )
  expect((await fanpass.segment('boxOffice'))?.userIds).toEqual([
    'BOX\r\n0042',
    '0043',
    'BOX\r0044',
  ])
})

/** The number of the topmost row wholly inside the ID preview, as a person reads the list. */
function firstVisibleRow(list: Locator): Promise<number> {
  return list.evaluate((viewport) => {
    const top = viewport.getBoundingClientRect().top
    const rows = [...viewport.querySelectorAll('[role="listitem"]')]
    const row = rows.find((candidate) => candidate.getBoundingClientRect().top >= top - 0.5)
    return Number(row?.getAttribute('aria-posinset'))
  })
}

test('a 1,000,000-row export is previewed row by row to its end, with the right count, and uploaded whole', async ({
  connectedPage: page,
  fanpass,
}) => {
  const file = writeIdsCsv({ rows: 1_000_000, duplicateEvery: 20 })
  await page.getByLabel('CSV files').setInputFiles(file.path)
  await expect(
    page.getByText(`${file.uniqueIds.toLocaleString('en-US')} IDs will be sent.`),
  ).toBeVisible({
    timeout: 60_000,
  })

  // Taller than the browser lets a page be: the wheel and the keys still move it row by row.
  const list = page.getByRole('list', { name: 'IDs to send' })
  await list.hover()
  await page.mouse.wheel(0, 100)
  await expect.poll(() => firstVisibleRow(list)).toBeGreaterThan(1)
  expect(await firstVisibleRow(list)).toBeLessThanOrEqual(5)
  await list.focus()
  await page.keyboard.press('End')
  await expect(list).toContainText(file.lastId)
  const last = list.getByRole('listitem').filter({ hasText: file.lastId })
  await expect(last).toHaveAttribute('aria-posinset', String(file.uniqueIds))
  await expect(last).toBeInViewport({ ratio: 1 })
  const nearTheEnd = await firstVisibleRow(list)
  await page.keyboard.press('ArrowUp')
  await expect.poll(() => firstVisibleRow(list)).toBe(nearTheEnd - 1)
  // Dragging the thumb halfway shows the middle of the list.
  await list.evaluate((viewport) => {
    viewport.scrollTop = (viewport.scrollHeight - viewport.clientHeight) / 2
  })
  await expect
    .poll(async () => Math.abs((await firstVisibleRow(list)) - file.uniqueIds / 2))
    .toBeLessThan(20)
  await page.keyboard.press('Home')
  await expect.poll(() => firstVisibleRow(list)).toBe(1)
  await expect(list.getByRole('listitem').first()).toContainText(file.firstId)

  await page.getByLabel('Search IDs').fill(file.lastId)
  await expect(page.getByRole('list', { name: 'IDs to send' })).toContainText(file.lastId)

  await page.getByLabel('Title').fill('All app users')
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Replace segment' }).click()
  await expect(page.getByRole('region', { name: 'Upload result' })).toContainText(
    `Segment All app users queued ${file.uniqueIds} for import`,
    { timeout: 60_000 },
  )
  const stored = await fanpass.segment('allAppUsers')
  expect(stored?.userIds).toHaveLength(file.uniqueIds)
  expect(stored?.userIds[0]).toBe(file.firstId)
  expect(stored?.userIds.at(-1)).toBe(file.lastId)
})

test('reading a big file shows its progress and can be cancelled', async ({
  connectedPage: page,
}) => {
  const file = writeIdsCsv({ rows: 3_000_000 })
  await page.getByLabel('CSV files').setInputFiles(file.path)
  const card = page.getByRole('article', { name: /^Source ids-3000000\.csv/ })
  await expect(card.getByRole('progressbar', { name: 'Reading ids-3000000.csv' })).toBeVisible()
  await card.getByRole('button', { name: 'Cancel' }).click()
  await expect(card).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'IDs to send' })).toHaveCount(0)
  await page.getByLabel('Title').fill('Still responsive')
  await expect(page.getByLabel('Tag')).toHaveValue('stillResponsive')
})

test('Copy as cURL gives the exact request without the token', async ({
  connectedPage: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const token = await page.getByLabel('API token').inputValue()
  await page.getByLabel('Paste user IDs').fill('007;008')
  await page.getByRole('button', { name: 'Add pasted IDs' }).click()
  await page.getByLabel('Title').fill('Bond fans')
  await page.getByRole('button', { name: 'Copy as cURL' }).click()
  await expect(page.getByText('Copied the cURL command.')).toBeVisible()
  const command = await page.evaluate(() => navigator.clipboard.readText())
  expect(command).toContain('Authorization: Bearer $FANPASS_TOKEN')
  expect(command).not.toContain(token)
  expect(command).toContain(
    `--data-raw '${JSON.stringify({ title: 'Bond fans', tag: 'bondFans', sourceType: 0, userIds: ['007', '008'], notes: 'Refresh from Pasted IDs (2 IDs)' })}'`,
  )
})

test.describe('when FanPass says no', () => {
  const vips = { ids: ['111', '222', '333'], title: 'VIPs' }

  test('a rejected token asks for a new one', async ({ page, fanpass }) => {
    await page.goto('/segments')
    await page.getByLabel('API token').fill('an-invalid-token')
    await page.getByLabel('API token').press('Enter')
    const result = await sendPastedSegment(page, vips)
    await expect(result).toContainText(
      'FanPass did not accept your API token. Generate a new token in the FanReach Portal',
    )
    await expect(result).toContainText(
      'The API access token is missing or invalid. Please verify that you are using the correct FanPass API token, which is available in the Fanreach Portal.',
    )
    await expect(result.getByRole('button', { name: 'Retry' })).toHaveCount(0)
    expect(await fanpass.segment('vips')).toBeNull()
  })

  test('a 400 shows the server errors verbatim', async ({ connectedPage: page, fanpass }) => {
    await fanpass.injectFault({ status: 400, path: '/api/v1/segments' })
    const result = await sendPastedSegment(page, vips)
    await expect(result).toContainText('FanPass rejected the request:')
    // What the sandbox answered, word for word.
    await expect(
      result.getByRole('listitem').filter({ hasText: 'The request failed with status 400.' }),
    ).toHaveCount(1)
    await expect(result).toContainText('HTTP status: 400')
    await expect(result).not.toContainText('Personalization Engine')
    await expect(result.getByRole('button', { name: 'Retry' })).toHaveCount(0)
    expect(await fanpass.segment('vips')).toBeNull()
  })

  test('a 503 says nothing changed, and Retry then succeeds', async ({
    connectedPage: page,
    fanpass,
  }) => {
    await fanpass.injectFault({ status: 503, path: '/api/v1/segments' })
    const result = await sendPastedSegment(page, vips)
    await expect(result).toContainText(
      'FanPass had a problem (HTTP 503). Nothing is known to have changed',
    )
    expect(await fanpass.segment('vips')).toBeNull()

    await result.getByRole('button', { name: 'Retry' }).click()
    await expect(result).toContainText('Segment VIPs queued 3 for import')
    expect((await fanpass.segment('vips'))?.userIds).toEqual(['111', '222', '333'])
  })
})
