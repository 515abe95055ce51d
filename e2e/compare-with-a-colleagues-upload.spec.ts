import { expect, test } from './support/console-test'
import { replaceSegment } from './support/segments-page'

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

test("a second marketer restores a colleague's upload from History, and FanPass gets exactly her IDs in her order", async ({
  connectedPage: jane,
  openColleague,
  fanpass,
}) => {
  await jane.getByLabel('Paste user IDs').fill('305\n0012\n101\n12\n204')
  await jane.getByRole('button', { name: 'Add pasted IDs' }).click()
  await jane.getByLabel('Title').fill('Box office')
  await replaceSegment(jane, 5)

  const sam = await openColleague('Sam Roe')
  await sam.getByLabel('Paste user IDs').fill('999')
  await sam.getByRole('button', { name: 'Add pasted IDs' }).click()
  await sam.getByLabel('Title').fill('Box office')
  await sam.getByRole('button', { name: 'Upload segment' }).click()
  const shrinking = sam.getByRole('dialog', { name: 'Replace segment?' })
  await shrinking.getByRole('button', { name: 'Replace segment' }).click()
  await shrinking.getByLabel('Type the tag to confirm').fill('boxOffice')
  await shrinking.getByRole('button', { name: 'Replace segment' }).click()
  await expect(sam.getByRole('region', { name: 'Upload result' })).toContainText('HTTP status: 200')
  expect((await fanpass.segment('boxOffice'))?.userIds).toEqual(['999'])

  // That was a mistake: Sam restores Jane's version, from his own browser.
  await sam.getByRole('link', { name: 'History' }).click()
  await sam
    .getByRole('button', {
      name: /^Restore this version: boxOffice with 5 IDs, .+ by Sandbox Marketer$/,
    })
    .click()
  await expect(sam.getByText('5 IDs will be sent.')).toBeVisible()
  await replaceSegment(sam, 5, async (dialog) => {
    await expect(dialog).toContainText(/Compared with Sam Roe's upload of .*: 1 ID/)
  })
  expect((await fanpass.segment('boxOffice'))?.userIds).toEqual(['305', '0012', '101', '12', '204'])
})
