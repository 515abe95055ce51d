import type { Locator, Page } from '@playwright/test'
import { expect, test as consoleTest } from './support/console-test'
import {
  choosePropertiesCsv,
  createPropertiesCsv,
  prepareBulkUpdate,
  requestsDone,
  usersNotAsExpected,
} from './support/property-builders'
import type { Sandbox } from './support/sandbox'
import { createJwt } from './support/tokens'

// A bulk update from a CSV meets trouble half-way: FanPass slows it down or fails, the page goes
// away, the token stops working. Every story ends with each planned request having succeeded
// exactly once and FanPass holding what the CSV says.

const UPDATE_USER = '/api/v1/update_user'

const test = consoleTest.extend<{ bulkUpdatePage: Page }>({
  /** Settings as a team would keep them, with 25 users a request so a job has many, and the bulk tab open. */
  bulkUpdatePage: async ({ connectedPage }, use) => {
    await prepareBulkUpdate(connectedPage, 25)
    await use(connectedPage)
  },
})

/** The HTTP status of every update_user request FanPass received, oldest first. */
async function updateStatuses(fanpass: Sandbox): Promise<(number | null)[]> {
  return (await fanpass.requests(UPDATE_USER)).map((entry) => entry.status)
}

/** Makes every update_user request take `delayMs`, so the job is still running when trouble comes. */
async function slowDown(fanpass: Sandbox, delayMs: number): Promise<void> {
  await fanpass.injectFault({ path: UPDATE_USER, count: 10_000, delayMs })
}

/**
 * Lets FanPass answer at once again and waits for the requests that were on their way when the
 * page went away (they still land); returns how many update_user requests arrived in all.
 */
async function settledUpdateCount(fanpass: Sandbox): Promise<number> {
  await fanpass.clearFaults()
  let received = -1
  await expect
    .poll(
      async () => {
        const before = received
        received = (await fanpass.requests(UPDATE_USER)).length
        return received === before
      },
      { intervals: [700] },
    )
    .toBe(true)
  return received
}

/** The page's offer to resume the unfinished job, and how many requests it says were done. */
async function resumeOffer(page: Page): Promise<{ offer: Locator; done: number }> {
  const offer = page.getByRole('region', { name: 'A bulk update did not finish' })
  await expect(offer).toContainText('requests were done when it stopped')
  const text = (await offer.textContent()) ?? ''
  return { offer, done: Number(/([\d,]+) of [\d,]+ requests were done/.exec(text)?.[1] ?? NaN) }
}

async function expectPausedForANewToken(page: Page): Promise<void> {
  await expect(
    page.getByRole('alert').filter({ hasText: 'A new API token is needed' }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('status').filter({ hasText: 'requests done' })).toContainText(
    'Paused: FanPass did not accept the API token.',
  )
}

async function expectAllSucceeded(page: Page, planned: number): Promise<void> {
  await expect(page.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )
}

test('FanPass answers 429 with Retry-After and 503 in the middle of a job, and the job still applies everything', async ({
  bulkUpdatePage: page,
  fanpass,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 1_000, name: 'members.csv' })
  const planned = await choosePropertiesCsv(page, members.file)
  expect(planned).toBeGreaterThan(10)

  // The first 4 requests go through, then two 429s asking for 1 s, then two 503s.
  await fanpass.injectFault({ path: UPDATE_USER, count: 4, delayMs: 0 })
  await fanpass.injectFault({ path: UPDATE_USER, count: 2, status: 429, retryAfterSeconds: 1 })
  await fanpass.injectFault({ path: UPDATE_USER, count: 2, status: 503 })
  await page.getByRole('button', { name: 'Send updates' }).click()

  await expectAllSucceeded(page, planned)
  const statuses = await updateStatuses(fanpass)
  expect(statuses.filter((status) => status === 429)).toHaveLength(2)
  expect(statuses.filter((status) => status === 503)).toHaveLength(2)
  expect(statuses.filter((status) => status === 200)).toHaveLength(planned)
  expect(statuses).toHaveLength(planned + 4)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
})

test('FanPass refuses the token in the middle of a job: the job waits for a new token, then goes on where it stopped', async ({
  bulkUpdatePage: page,
  fanpass,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 600, name: 'token.csv' })
  const planned = await choosePropertiesCsv(page, members.file)
  await fanpass.injectFault({ path: UPDATE_USER, count: 4, delayMs: 0 })
  await fanpass.injectFault({ path: UPDATE_USER, count: 1, status: 401 })
  await page.getByRole('button', { name: 'Send updates' }).click()

  await expectPausedForANewToken(page)
  await page.getByRole('button', { name: 'Use sandbox token' }).click()
  await page.getByRole('button', { name: 'Resume', exact: true }).click()

  await expectAllSucceeded(page, planned)
  const statuses = await updateStatuses(fanpass)
  expect(statuses.filter((status) => status === 401)).toHaveLength(1)
  expect(statuses.filter((status) => status === 200)).toHaveLength(planned)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
})

test('a token that expires in the middle of a job pauses it, and a new token resumes it where it stopped', async ({
  bulkUpdatePage: page,
  fanpass,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 1_000, name: 'expiring.csv' })
  const planned = await choosePropertiesCsv(page, members.file)
  // About 20 s of job (86 requests of 1 s, 4 at a time) against a token good for 10 s more: wide
  // enough on both sides that a loaded machine still sees some requests done and some left.
  await slowDown(fanpass, 1_000)
  const shortLived = createJwt({
    sub: 'marketer',
    name: 'Short Lived',
    exp: Math.floor(Date.now() / 1000) + 10,
  })
  await page.getByRole('textbox', { name: 'API token' }).fill(shortLived)
  await page.getByRole('textbox', { name: 'API token' }).press('Enter')
  await expect(page.getByText(/Short Lived/).first()).toBeVisible()
  await page.getByRole('button', { name: 'Send updates' }).click()

  await expectPausedForANewToken(page)
  const doneBeforeExpiry = await requestsDone(page)
  expect(doneBeforeExpiry).toBeGreaterThan(0)
  expect(doneBeforeExpiry).toBeLessThan(planned)

  await fanpass.clearFaults()
  const fresh = createJwt({
    sub: 'marketer',
    name: 'Fresh Token',
    exp: Math.floor(Date.now() / 1000) + 3600,
  })
  await page.getByRole('textbox', { name: 'API token' }).fill(fresh)
  await page.getByRole('textbox', { name: 'API token' }).press('Enter')
  // As a marketer would: Resume once the Connection panel shows the new token in use.
  await expect(page.getByText(/Fresh Token/).first()).toBeVisible()
  await page.getByRole('button', { name: 'Resume', exact: true }).click()

  await expectAllSucceeded(page, planned)
  const statuses = await updateStatuses(fanpass)
  expect(statuses.filter((status) => status === 200)).toHaveLength(planned)
  expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(1)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
})

test('a reload in the middle of a job offers to resume it, and completed requests are not sent again', async ({
  bulkUpdatePage: page,
  fanpass,
  baseURL,
  connectWithClubToken,
}) => {
  const members = createPropertiesCsv({ rows: 1_000, name: 'renewals.csv' })
  const planned = await choosePropertiesCsv(page, members.file)
  expect(planned).toBeGreaterThan(20)
  // Each request takes 300 ms, so the reload lands while the job is running.
  await slowDown(fanpass, 300)
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect.poll(() => requestsDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(8)

  await page.reload()
  // A new page load forgets the token (it lives in the tab's memory); the job is remembered.
  await connectWithClubToken(page)
  const { offer, done } = await resumeOffer(page)
  expect(done).toBeGreaterThanOrEqual(8)
  expect(done).toBeLessThan(planned)
  const received = await settledUpdateCount(fanpass)
  await offer.getByRole('button', { name: 'Resume job' }).click()

  await expectAllSucceeded(page, planned)
  expect((await fanpass.requests(UPDATE_USER)).length - received).toBe(planned - done)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])

  // History lists the job, newest first.
  await page.getByRole('link', { name: 'History' }).click()
  const newest = page
    .getByRole('table', { name: /newest first/ })
    .getByRole('row')
    .nth(1)
  await expect(newest).toContainText(`${planned} of ${planned} requests succeeded`)
  await expect(newest).toContainText('1,000 users updated')
})

test('closing the tab in the middle of a job and opening the console again resumes it, sending each request once', async ({
  bulkUpdatePage: page,
  fanpass,
  watch,
  openConnectedTab,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 800, name: 'closing.csv' })
  const planned = await choosePropertiesCsv(page, members.file)
  await slowDown(fanpass, 300)
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect.poll(() => requestsDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(6)

  await page.close()
  const received = await settledUpdateCount(fanpass)
  const reopened = await openConnectedTab('/user-properties')
  const { offer, done } = await resumeOffer(reopened)
  expect(done).toBeGreaterThanOrEqual(6)
  expect(done).toBeLessThan(planned)
  await offer.getByRole('button', { name: 'Resume job' }).click()

  await expectAllSucceeded(reopened, planned)
  // Resuming sends exactly the plan entries the job had not seen succeed, each once.
  expect((await fanpass.requests(UPDATE_USER)).length - received).toBe(planned - done)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
  expect(watch.pageErrors).toEqual([])
})
