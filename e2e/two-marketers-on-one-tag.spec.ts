import { expect, test } from './support/console-test'
import { createJwt } from './support/tokens'

const vipGuests = (ids: string[]) => ({
  title: 'VIP guests',
  tag: 'vipGuests',
  sourceType: 0,
  notes: '',
  userIds: ids,
})
const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => String(from + index))

test("a marketer who confirms after a colleague replaced the tag is told so, shown the colleague's version, and sends only when confirming again", async ({
  openColleague,
  fanpass,
  request,
  club,
}) => {
  // The version both marketers start from: Sam's, sent with curl through the console.
  const samsToken = createJwt({
    sub: 'sam-roe',
    name: 'Sam Roe',
    club,
    exp: Math.floor(Date.now() / 1000) + 3600,
  })
  const first = await request.post('/api/v1/segments', {
    headers: { authorization: `Bearer ${samsToken}` },
    data: vipGuests(range(101, 5)),
  })
  expect(first.status()).toBe(200)

  const jo = await openColleague('Jo Park')
  await jo.getByLabel('Paste user IDs').fill(['101', '102', '103', '104', '201'].join('\n'))
  await jo.getByRole('button', { name: 'Add pasted IDs' }).click()
  await jo.getByLabel('Title').fill('VIP guests')
  await jo.getByRole('button', { name: 'Upload segment' }).click()
  const josDialog = jo.getByRole('dialog', { name: 'Replace segment?' })
  await expect(josDialog).toContainText(/Compared with Sam Roe's upload of .*: 5 IDs/)

  // Meanwhile Sam replaces the tag with 12 IDs from his own browser.
  const sam = await openColleague('Sam Roe')
  await sam.getByLabel('Paste user IDs').fill(range(101, 12).join('\n'))
  await sam.getByRole('button', { name: 'Add pasted IDs' }).click()
  await sam.getByLabel('Title').fill('VIP guests')
  await sam.getByRole('button', { name: 'Upload segment' }).click()
  await sam
    .getByRole('dialog', { name: 'Replace segment?' })
    .getByRole('button', { name: 'Replace segment' })
    .click()
  await expect(sam.getByRole('region', { name: 'Upload result' })).toContainText('HTTP status: 200')

  await josDialog.getByRole('button', { name: 'Replace segment' }).click()

  await expect(
    josDialog.getByRole('alert', { name: 'The tag changed since you opened this' }),
  ).toContainText(
    /Sam Roe replaced this tag at .+, after you opened this \(now 12 IDs\): compare again\./,
  )
  await expect(josDialog).toContainText(/Compared with Sam Roe's upload of .*: 12 IDs/)
  const diff = josDialog.getByRole('table', { name: /Difference from the upload of/ })
  await expect(diff.getByRole('row', { name: /Added/ })).toContainText('1')
  await expect(diff.getByRole('row', { name: /Removed/ })).toContainText('8')
  await expect(diff.getByRole('row', { name: /Unchanged/ })).toContainText('4')
  expect((await fanpass.segment('vipGuests'))?.userIds).toEqual(range(101, 12))

  // Jo's 5 IDs are under half of Sam's 12: the shrink guard now asks her to type the tag.
  await expect(
    josDialog.getByRole('alert', { name: 'The segment shrinks by more than half' }),
  ).toBeVisible()
  await josDialog.getByLabel('Type the tag to confirm').fill('vipGuests')
  await josDialog.getByRole('button', { name: 'Replace segment' }).click()
  await expect(jo.getByRole('region', { name: 'Upload result' })).toContainText('HTTP status: 200')
  expect((await fanpass.segment('vipGuests'))?.userIds).toEqual(['101', '102', '103', '104', '201'])
})
