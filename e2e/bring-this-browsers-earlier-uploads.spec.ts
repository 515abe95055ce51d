import type { Page } from '@playwright/test'
import { expect, test } from './support/console-test'
import { replaceSegment } from './support/segments-page'

/**
 * Writes into this browser's IndexedDB what a console from before the team history recorded
 * there: one accepted upload of matchdayFans with its kept ID list, and one properties job.
 */
async function seedEarlierBrowserHistory(page: Page) {
  // Any page of the console's origin will do, as long as the app has not opened the database.
  await page.goto('/console/config')
  await page.evaluate(async () => {
    const { host } = (await (await fetch('/console/config')).json()) as { host: string }
    const createdAt = Date.parse('2026-11-20T09:12:00Z')
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      // Dexie stores schema version 1 as IndexedDB version 10.
      const opening = indexedDB.open('fanpass-console', 10)
      opening.onupgradeneeded = () => {
        const submissions = opening.result.createObjectStore('submissions', {
          keyPath: 'id',
          autoIncrement: true,
        })
        for (const index of ['createdAt', 'tag', 'kind']) submissions.createIndex(index, index)
        const idLists = opening.result.createObjectStore('idLists', {
          keyPath: 'id',
          autoIncrement: true,
        })
        idLists.createIndex('tag', 'tag')
        idLists.createIndex('[tag+createdAt]', ['tag', 'createdAt'])
        idLists.createIndex('submissionId', 'submissionId')
      }
      opening.onsuccess = () => resolve(opening.result)
      opening.onerror = () => reject(opening.error)
    })
    const writing = database.transaction(['submissions', 'idLists'], 'readwrite')
    writing.objectStore('submissions').add({
      kind: 'segment',
      createdAt,
      targetHost: host,
      tag: 'matchdayFans',
      title: 'Matchday fans',
      sourceType: 1,
      notes: 'From the box office export',
      files: [{ name: 'matchday.csv', size: 24, sha256: null }],
      counts: { rowsRead: 3, uniqueIds: 3, removed: {} },
      status: 'succeeded',
      httpStatus: 200,
      correlationId: 'browser-era-upload',
      messages: ['Segment matchdayFans queued 3 for import'],
      errors: [],
    })
    writing.objectStore('idLists').add({
      tag: 'matchdayFans',
      createdAt,
      submissionId: 1,
      ids: ['0012', '305', '101'],
    })
    writing.objectStore('submissions').add({
      kind: 'properties',
      createdAt: createdAt + 60_000,
      targetHost: host,
      jobId: 'browser-era-job',
      requestsPlanned: 2,
      requestsSucceeded: 2,
      requestsFailed: 0,
      usersUpdated: 1500,
      status: 'succeeded',
    })
    await new Promise((resolve, reject) => {
      writing.oncomplete = resolve
      writing.onerror = () => reject(writing.error)
    })
    database.close()
  })
}

test('uploads this browser recorded before the team history are added to it once, and a colleague restores one', async ({
  page,
  openConnectedTab,
  openColleague,
  fanpass,
}) => {
  await seedEarlierBrowserHistory(page)
  const jane = await openConnectedTab('/history')

  const offer = jane.getByRole('alert').filter({ hasText: 'Earlier uploads kept in this browser' })
  await expect(offer).toContainText('This browser holds 2 records from before the team history.')
  await offer.getByRole('button', { name: 'Add them to the team history' }).click()
  await expect(
    jane.getByRole('status').filter({ hasText: 'Added to the team history' }),
  ).toHaveText(/now holds 2 earlier records from this browser, marked as recorded by a browser\./)
  await expect(jane.getByRole('row', { name: /matchdayFans/ })).toContainText(
    'a browser (imported)',
  )

  await expect(
    jane
      .getByRole('row', { name: /User properties job/ })
      .filter({ hasText: '1,500 users updated' }),
  ).toContainText('a browser (imported)')

  // Imported once: a new tab of the same browser no longer offers it.
  const later = await openConnectedTab('/history')
  await expect(later.getByRole('row', { name: /matchdayFans/ })).toHaveCount(1)
  await expect(later.getByText('Earlier uploads kept in this browser')).toHaveCount(0)

  const sam = await openColleague('Sam Roe')
  await sam.getByRole('link', { name: 'History' }).click()
  await sam
    .getByRole('button', {
      name: /^Restore this version: matchdayFans with 3 IDs, .+ by a browser \(imported\)$/,
    })
    .click()
  await expect(sam.getByText('3 IDs will be sent.')).toBeVisible()
  await replaceSegment(sam, 3, async (dialog) => {
    await expect(dialog).toContainText(
      /Compared with the upload imported from a browser of .*: 3 IDs/,
    )
  })
  expect((await fanpass.segment('matchdayFans'))?.userIds).toEqual(['0012', '305', '101'])
})
