import { expect, test, type Page } from '@playwright/test'
import { openConnected } from './support/console'
import {
  choosePropertiesCsv,
  createPropertiesCsv,
  prepareBulkUpdate,
  requestsDone,
  plannedRequests,
  updateUserLog,
  usersNotAsExpected,
} from './support/property-builders'
import { sandbox } from './support/sandbox'

test.beforeEach(async ({ request }) => {
  await sandbox(request).reset()
})

/** Settings as a team would keep them, with small batches so a job has many requests. */
async function prepare(page: Page, batchSize: number): Promise<void> {
  await openConnected(page, '/settings')
  await prepareBulkUpdate(page, batchSize)
}

test('FanPass answers 429 with Retry-After and 503 in the middle of a job, and the job still applies everything', async ({
  page,
  request,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 1_000, name: 'members.csv' })
  await prepare(page, 50)
  await choosePropertiesCsv(page, members.file)
  const planned = await plannedRequests(page)
  expect(planned).toBeGreaterThan(10)

  // The first 4 requests go through, then two 429s asking for 1 s, then two 503s.
  const fanpass = sandbox(request)
  await fanpass.injectFault({ path: '/api/v1/update_user', count: 4, delayMs: 0 })
  await fanpass.injectFault({
    path: '/api/v1/update_user',
    count: 2,
    status: 429,
    retryAfterSeconds: 1,
  })
  await fanpass.injectFault({ path: '/api/v1/update_user', count: 2, status: 503 })

  await page.getByRole('button', { name: 'Send updates' }).click()

  await expect(page.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )
  const statuses = (await updateUserLog(request)).map((entry) => entry.status)
  expect(statuses.filter((status) => status === 429)).toHaveLength(2)
  expect(statuses.filter((status) => status === 503)).toHaveLength(2)
  expect(statuses.filter((status) => status === 200)).toHaveLength(planned)
  expect(statuses).toHaveLength(planned + 4)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
})

test('a reload in the middle of a job offers to resume it, and completed requests are not sent again', async ({
  page,
  request,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 1_000, name: 'renewals.csv' })
  await prepare(page, 25)
  await choosePropertiesCsv(page, members.file)
  const planned = await plannedRequests(page)
  expect(planned).toBeGreaterThan(20)

  // Each request takes 300 ms, so the reload lands while the job is running.
  const fanpass = sandbox(request)
  await fanpass.injectFault({ path: '/api/v1/update_user', count: 10_000, delayMs: 300 })
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect.poll(() => requestsDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(8)
  await page.reload()

  // A new page load forgets the token (it lives in the tab's memory); the job is remembered.
  await page.getByRole('button', { name: 'Use sandbox token' }).click()
  const offer = page.getByRole('region', { name: 'A bulk update did not finish' })
  await expect(offer).toContainText(`requests were done when it stopped`)
  const offerText = (await offer.textContent()) ?? ''
  const doneBefore = Number(/([\d,]+) of [\d,]+ requests were done/.exec(offerText)?.[1] ?? NaN)
  expect(doneBefore).toBeGreaterThanOrEqual(8)
  expect(doneBefore).toBeLessThan(planned)

  // Requests that were on their way when the page went away still land; wait for them.
  await fetch(new URL('/__sandbox/faults', baseURL), { method: 'DELETE' })
  let received = -1
  await expect
    .poll(
      async () => {
        const before = received
        received = (await updateUserLog(request)).length
        return received === before
      },
      { intervals: [700] },
    )
    .toBe(true)

  await offer.getByRole('button', { name: 'Resume job' }).click()
  await expect(page.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )

  const sentAfterResume = (await updateUserLog(request)).length - received
  expect(sentAfterResume).toBe(planned - doneBefore)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])

  // History lists the job beside segment uploads.
  await page.getByRole('link', { name: 'History' }).click()
  await expect(
    page.getByText(`${planned} of ${planned} requests succeeded`, { exact: true }),
  ).toBeVisible()
  await expect(page.getByText('1,000 users updated')).toBeVisible()
})

test('FanPass refuses the token in the middle of a job: the job waits for a new token, then goes on where it stopped', async ({
  page,
  request,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 600, name: 'token.csv' })
  await prepare(page, 50)
  await choosePropertiesCsv(page, members.file)
  const planned = await plannedRequests(page)

  const fanpass = sandbox(request)
  await fanpass.injectFault({ path: '/api/v1/update_user', count: 4, delayMs: 0 })
  await fanpass.injectFault({ path: '/api/v1/update_user', count: 1, status: 401 })
  await page.getByRole('button', { name: 'Send updates' }).click()

  await expect(
    page.getByRole('alert').filter({ hasText: 'A new API token is needed' }),
  ).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'requests done' })).toContainText(
    'Paused: FanPass did not accept the API token.',
  )
  await page.getByRole('button', { name: 'Use sandbox token' }).click()
  await page.getByRole('button', { name: 'Resume', exact: true }).click()

  await expect(page.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )
  const statuses = (await updateUserLog(request)).map((entry) => entry.status)
  expect(statuses.filter((status) => status === 401)).toHaveLength(1)
  expect(statuses.filter((status) => status === 200)).toHaveLength(planned)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
})
