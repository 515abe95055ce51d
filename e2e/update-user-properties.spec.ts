import { expect, test } from './support/console-test'
import {
  createPropertiesCsv,
  importSandboxAttributes,
  plannedRequests,
  stored,
  usersNotAsExpected,
} from './support/property-builders'

test('a marketer sets a too-long value and a reserved key on two users, and is warned about both before sending', async ({
  connectedPage: page,
  fanpass,
}) => {
  const player = 'Alexandre Lacazette-Fernandes de Oliveira'
  await importSandboxAttributes(page)
  await page.getByRole('link', { name: 'User properties' }).click()

  await page.getByLabel('User IDs').fill('fan-1001\nfan-1002')
  await expect(page.getByText('2 user IDs')).toBeVisible()
  const first = page.getByRole('group', { name: 'Property 1' })
  await first.getByLabel('Property name').fill('favourite_player')
  await first.getByLabel('Property value').fill(player)
  await page.getByRole('button', { name: 'Add property' }).click()
  const second = page.getByRole('group', { name: 'Property 2' })
  await second.getByLabel('Property name').fill('user_id')
  await second.getByLabel('Property value').fill('spoofed')

  // Both warnings are on screen before anything is sent.
  await expect(first).toContainText(
    `This value is ${player.length} characters long; FanPass keeps only the first 36 and will store “${stored(player)}”.`,
  )
  await expect(second).toContainText(
    'user_id is reserved by GA4, so FanPass will ignore it. It will be left out of the request.',
  )
  await expect(page.getByText(/Sends favourite_player to 2 users in 1 request\./)).toContainText(
    'Left out, because FanPass would ignore it: user_id.',
  )
  expect(await fanpass.requests('/api/v1/update_user')).toEqual([])

  await page.getByRole('button', { name: 'Send update' }).click()

  const report = page.getByRole('region', { name: 'Update report' })
  await expect(report).toContainText('1 request succeeded, 0 failed.')
  await expect(report).toContainText('GA4 may take 4–8 hours to show them in its targeting tools.')
  for (const id of ['fan-1001', 'fan-1002']) {
    expect((await fanpass.user(id))?.properties).toEqual({ favourite_player: stored(player) })
  }
  expect(await fanpass.requests('/api/v1/update_user')).toEqual([
    expect.objectContaining({ status: 200, userIdCount: 2 }),
  ])
})

test('a marketer updates 20,000 users from a CSV with 4 property columns, and FanPass receives exactly the plan shown', async ({
  connectedPage: page,
  fanpass,
  baseURL,
}) => {
  const season = createPropertiesCsv({ rows: 20_000 })
  await importSandboxAttributes(page)
  await page.getByRole('link', { name: 'User properties' }).click()
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()

  await page.getByLabel('Properties CSV').setInputFiles(season.file)

  // "Favourite Team" is not a valid property name until it is renamed.
  const columns = page.getByRole('table', { name: 'Columns' })
  await expect(columns.getByRole('row', { name: /Favourite Team/ })).toContainText(
    'Not sent: “Favourite Team” is not a valid property name',
  )
  await page.getByLabel('Property name for column Favourite Team').fill('favourite_team')
  await expect(columns.getByRole('row', { name: /Favourite Team/ })).toContainText('Sent.')

  // The preview marks the values FanPass will truncate, cell by cell, with totals.
  const preview = page.getByRole('table', { name: `Preview of ${season.file.name}` })
  await expect(preview.getByRole('cell', { name: /will be truncated/ }).first()).toBeVisible()
  await expect(
    page.getByText(`${season.truncated} values will be truncated to 36 characters`),
  ).toBeVisible()

  await expect(page.getByRole('status', { name: 'Plan' })).toContainText('20,000 rows →')
  const planned = await plannedRequests(page)
  expect(planned).toBeLessThan(200)

  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect(page.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned.toLocaleString('en-US')} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )

  const statuses = (await fanpass.requests('/api/v1/update_user')).map((entry) => entry.status)
  expect(statuses).toEqual(Array<number>(planned).fill(200))
  expect(await usersNotAsExpected(baseURL ?? '', season.expected)).toEqual([])
})

test('a marketer sends a Windows export whose seat cells span two lines, and FanPass stores every value as written but for the trimming the page counted', async ({
  connectedPage: page,
  fanpass,
}) => {
  await importSandboxAttributes(page)
  await page.getByRole('link', { name: 'User properties' }).click()
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()

  await page.getByLabel('Properties CSV').setInputFiles({
    name: 'seats.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'user_id,membership_tier,seat_section\r\n' +
        'fan-1, Gold ,"Stand A\r\nRow 3"\r\n' +
        'fan-2,Silver,"Stand B\rRow 1"\r\n' +
        'fan-3,Gold ,"Stand A\nRow 3"\r\n',
      'utf8',
    ),
  })

  await expect(page.getByText(/2 values had spaces around them, trimmed/)).toBeVisible()
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect(page.getByRole('region', { name: 'Update report' })).toContainText('0 failed.')
  expect((await fanpass.user('fan-1'))?.properties).toEqual({
    membership_tier: 'Gold',
    seat_section: 'Stand A\r\nRow 3',
  })
  expect((await fanpass.user('fan-2'))?.properties.seat_section).toBe('Stand B\rRow 1')
  expect((await fanpass.user('fan-3'))?.properties.seat_section).toBe('Stand A\nRow 3')
})
