import { readFileSync } from 'node:fs'
import { createTableCsv } from './support/builders'
import { expect, test } from './support/console-test'
import { addPastedIds, replaceSegment } from './support/segments-page'

test('a weekly refresh starts from History, and a wrong upload is undone with Restore', async ({
  connectedPage: page,
  fanpass,
}) => {
  await page.getByLabel('Title').fill('Merch buyers')
  await page.getByLabel('Tag').fill('merchBuyers2026')
  await addPastedIds(page, ['a1', 'a2', 'a3', 'a4'])
  await replaceSegment(page, 4)

  // Next week, from History: the form comes back prefilled and only the file is new.
  await page.getByRole('link', { name: 'History' }).click()
  await expect(
    page.getByRole('img', { name: /merchBuyers2026 size over time: 1 upload/ }),
  ).toBeVisible()
  await page.getByRole('button', { name: /Refresh this segment: merchBuyers2026/ }).click()
  await expect(page.getByLabel('Title')).toHaveValue('Merch buyers')
  await expect(page.getByLabel('Tag')).toHaveValue('merchBuyers2026')
  await page
    .getByLabel('CSV files')
    .setInputFiles(
      createTableCsv({ name: 'merch.csv', header: ['id'], rows: [['a1'], ['a2'], ['a3'], ['b9']] }),
    )
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()
  await replaceSegment(page, 4, async (dialog) => {
    await expect(dialog.getByRole('row', { name: /Added/ })).toContainText('1')
  })
  expect((await fanpass.segment('merchBuyers2026'))?.userIds).toEqual(['a1', 'a2', 'a3', 'b9'])

  // The first version was right after all: restore it in one step, through the same dialog.
  await page.getByRole('link', { name: 'History' }).click()
  const rows = page.getByRole('row', { name: /merchBuyers2026/ })
  await expect(rows).toHaveCount(2)
  await page
    .getByRole('button', { name: /Restore this version: merchBuyers2026 with 4 IDs/ })
    .last()
    .click()
  await expect(page.getByText('4 IDs will be sent.')).toBeVisible()
  await expect(page.getByLabel('Tag')).toHaveValue('merchBuyers2026')
  await replaceSegment(page, 4, async (dialog) => {
    await expect(dialog.getByRole('row', { name: /Removed/ })).toContainText('1')
  })
  expect((await fanpass.segment('merchBuyers2026'))?.userIds).toEqual(['a1', 'a2', 'a3', 'a4'])

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'History' }).click()
  await page.getByRole('button', { name: 'Export history (CSV)' }).click()
  const csv = readFileSync(await (await download).path(), 'utf8')
  expect(csv.split('\r\n').filter((line) => line.includes('merchBuyers2026'))).toHaveLength(3)
  expect(csv).not.toMatch(/eyJ/)
})
