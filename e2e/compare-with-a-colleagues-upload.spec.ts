import { expect, test } from './support/console-test'

test("a second marketer sees a colleague's upload in the confirmation's diff, from another browser", async ({
  connectedPage: jane,
  openColleague,
  fanpass,
}) => {
  await jane.getByLabel('Paste user IDs').fill('101\n102\n103\n104\n105')
  await jane.getByRole('button', { name: 'Add pasted IDs' }).click()
  await jane.getByLabel('Title').fill('VIP guests')
  await jane.getByRole('button', { name: 'Upload segment' }).click()
  await jane
    .getByRole('dialog', { name: 'Replace segment?' })
    .getByRole('button', { name: 'Replace segment' })
    .click()
  await expect(jane.getByRole('region', { name: 'Upload result' })).toContainText(
    'HTTP status: 200',
  )

  const sam = await openColleague('Sam Roe')
  await sam.getByLabel('Paste user IDs').fill('101\n999')
  await sam.getByRole('button', { name: 'Add pasted IDs' }).click()
  await sam.getByLabel('Title').fill('VIP guests')
  await sam.getByRole('button', { name: 'Upload segment' }).click()

  const dialog = sam.getByRole('dialog', { name: 'Replace segment?' })
  await expect(dialog).toContainText(/Compared with Sandbox Marketer's upload of .*: 5 IDs/)
  const diff = dialog.getByRole('table', { name: /Difference from the upload of/ })
  await expect(diff.getByRole('row', { name: /Added/ })).toContainText('1')
  await expect(diff.getByRole('row', { name: /Removed/ })).toContainText('4')
  await expect(diff.getByRole('row', { name: /Unchanged/ })).toContainText('1')
  // Under half of Jane's 5 IDs: the shrink guard uses her version, not this browser's none.
  await dialog.getByRole('button', { name: 'Replace segment' }).click()
  await expect(dialog.getByText('Type vipGuests exactly to confirm.')).toBeVisible()
  expect((await fanpass.segment('vipGuests'))?.userIds).toHaveLength(5)
})
