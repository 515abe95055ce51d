import { expect, test } from '@playwright/test'
import { openConnected } from './support/console'
import { watchPage } from './support/hardening'
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
import { createJwt } from './support/tokens'

// The two property-job stories of the hardening issue that e2e/user-properties-resilience.spec.ts
// tells differently (a reload, and a 401 injected by the sandbox): here the tab is closed for
// good, and the token really expires while the job runs.

test.beforeEach(async ({ request }) => {
  await sandbox(request).reset()
})

/** Waits until the sandbox has stopped receiving update_user requests; returns how many arrived. */
async function settledUpdateCount(request: Parameters<typeof updateUserLog>[0]): Promise<number> {
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
  return received
}

test('closing the tab in the middle of a job and opening the console again resumes it, sending each request once', async ({
  context,
  page,
  request,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 800, name: 'closing.csv' })
  await openConnected(page, '/settings')
  await prepareBulkUpdate(page, 25)
  await choosePropertiesCsv(page, members.file)
  const planned = await plannedRequests(page)
  await sandbox(request).injectFault({ path: '/api/v1/update_user', count: 10_000, delayMs: 300 })
  await page.getByRole('button', { name: 'Send updates' }).click()
  await expect.poll(() => requestsDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(6)

  await page.close()
  await fetch(new URL('/__sandbox/faults', baseURL), { method: 'DELETE' })
  // Requests on their way when the tab closed still land; wait for them before counting.
  const received = await settledUpdateCount(request)

  const reopened = await context.newPage()
  const watch = watchPage(reopened)
  await openConnected(reopened, '/user-properties')
  const offer = reopened.getByRole('region', { name: 'A bulk update did not finish' })
  await expect(offer).toContainText('requests were done when it stopped')
  const offerText = (await offer.textContent()) ?? ''
  const doneBefore = Number(/([\d,]+) of [\d,]+ requests were done/.exec(offerText)?.[1] ?? NaN)
  expect(doneBefore).toBeGreaterThanOrEqual(6)
  expect(doneBefore).toBeLessThan(planned)
  await offer.getByRole('button', { name: 'Resume job' }).click()
  await expect(reopened.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )

  // Resuming sends exactly the plan entries the job had not seen succeed, each once.
  const sentAfterResume = (await updateUserLog(request)).length - received
  expect(sentAfterResume).toBe(planned - doneBefore)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
  expect(watch.pageErrors).toEqual([])
})

test('a token that expires in the middle of a job pauses it, and a new token resumes it where it stopped', async ({
  page,
  request,
  baseURL,
}) => {
  const members = createPropertiesCsv({ rows: 1_000, name: 'expiring.csv' })
  await openConnected(page, '/settings')
  await prepareBulkUpdate(page, 25)
  await choosePropertiesCsv(page, members.file)
  const planned = await plannedRequests(page)
  // About 10 s of job (40 requests of 1 s, 4 at a time) against a token good for 5 s more.
  await sandbox(request).injectFault({ path: '/api/v1/update_user', count: 10_000, delayMs: 1_000 })
  const shortLived = createJwt({
    sub: 'marketer',
    name: 'Short Lived',
    exp: Math.floor(Date.now() / 1000) + 5,
  })
  await page.getByRole('textbox', { name: 'API token' }).fill(shortLived)
  await page.getByRole('button', { name: 'Use token' }).click()
  await expect(page.getByText(/Short Lived/).first()).toBeVisible()
  await page.getByRole('button', { name: 'Send updates' }).click()

  await expect(
    page.getByRole('alert').filter({ hasText: 'A new API token is needed' }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('status').filter({ hasText: 'requests done' })).toContainText(
    'Paused: FanPass did not accept the API token.',
  )
  const doneBeforeExpiry = await requestsDone(page)
  expect(doneBeforeExpiry).toBeGreaterThan(0)
  expect(doneBeforeExpiry).toBeLessThan(planned)

  await fetch(new URL('/__sandbox/faults', baseURL), { method: 'DELETE' })
  const fresh = createJwt({
    sub: 'marketer',
    name: 'Fresh Token',
    exp: Math.floor(Date.now() / 1000) + 3600,
  })
  await page.getByRole('textbox', { name: 'API token' }).fill(fresh)
  await page.getByRole('button', { name: 'Use token' }).click()
  await page.getByRole('button', { name: 'Resume', exact: true }).click()

  await expect(page.getByRole('region', { name: 'Update report' })).toContainText(
    `${planned} requests succeeded, 0 failed.`,
    { timeout: 60_000 },
  )
  const log = await updateUserLog(request)
  expect(log.filter((entry) => entry.status === 200)).toHaveLength(planned)
  expect(log.filter((entry) => entry.status === 401).length).toBeGreaterThanOrEqual(1)
  expect(await usersNotAsExpected(baseURL ?? '', members.expected)).toEqual([])
})
