import { expect, test } from './support/console-test'
import { sendPastedSegment } from './support/segments-page'

test('a marketer finds why a fan left a segment: in the first upload, not in the second', async ({
  connectedPage: page,
}) => {
  const first = await sendPastedSegment(page, {
    ids: ['fan-1', 'fan-2', 'fan-3'],
    title: 'Season ticket renewals',
  })
  await expect(first).toContainText('queued 3 for import')
  await page.getByRole('button', { name: 'Remove all sources' }).click()
  const second = await sendPastedSegment(page, {
    ids: ['fan-2', 'fan-3', 'fan-4'],
    title: 'Season ticket renewals',
  })
  await expect(second).toContainText('queued 3 for import')

  await page.getByRole('link', { name: 'History' }).click()
  const finder = page.getByRole('region', { name: 'Find a fan' })
  await finder.getByLabel('User ID').fill('fan-1')
  await finder.getByRole('button', { name: 'Find' }).click()

  await expect(
    finder.getByText(/^Left seasonTicketRenewals with Sandbox Marketer's upload of/),
  ).toBeVisible()
  const versions = finder.getByRole('table', { name: 'Kept versions of seasonTicketRenewals' })
  const rows = versions.getByRole('row')
  // Newest first: the second upload, then the first.
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(1).getByRole('cell').last()).toHaveText('Not in')
  await expect(rows.nth(2).getByRole('cell').last()).toHaveText('In')
})
