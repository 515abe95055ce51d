import { expect, test } from './support/console-test'
import { replaceSegments, sourceCard, splitByValue } from './support/segments-page'
import { fourPlansCsv } from './support/ticketing-export'

test('one tag of a batch fails, the others are sent, and Retry sends only it; History shows one batch', async ({
  connectedPage: page,
  fanpass,
}) => {
  const { csv, fansByPlan } = fourPlansCsv()
  await page.getByLabel('CSV files').setInputFiles([csv])
  await expect(sourceCard(page, 'plans-monday.csv')).toContainText('10 unique IDs kept')
  await splitByValue(page, 'plans-monday.csv', 'Plan Type')

  // Two segments go at once, Full Season's and Half Season's: the first request FanPass receives
  // gets the 503. The plans' sizes differ, so the size it received names the plan.
  await fanpass.injectFault({ count: 1, status: 503, path: '/api/v1/segments' })
  const result = await replaceSegments(page, 4)

  await expect(result).toContainText('3 of 4 segments replaced; 1 was not.')
  const before = await fanpass.requests('/api/v1/segments')
  expect(before.map((request) => request.status)).toEqual([503, 200, 200, 200])
  const plan = Object.keys(fansByPlan).find(
    (name) => fansByPlan[name]?.length === before[0]?.userIdCount,
  )
  expect(['Full Season', 'Half Season']).toContain(plan)
  const failedTag = `plan${(plan ?? '').replace(' ', '')}`
  const tags = ['planFullSeason', 'planHalfSeason', 'planFlexPlan', 'planMiniPlan']
  const failed = result.getByRole('listitem', { name: `Segment ${failedTag} was not replaced` })
  await expect(failed).toContainText('FanPass had a problem (HTTP 503).')
  await expect(failed).toContainText('HTTP status: 503')
  for (const tag of tags.filter((tag) => tag !== failedTag)) {
    await expect(result.getByRole('listitem', { name: `Segment ${tag} replaced` })).toContainText(
      'Correlation ID:',
    )
  }
  // The result lines keep the confirmation's order, whichever answer came first.
  await expect(result.getByRole('listitem', { name: /^Segment / })).toHaveText(
    tags.map((tag) => new RegExp(`^Segment ${tag} `)),
  )
  expect(await fanpass.segment(failedTag)).toBeNull()

  await result.getByRole('button', { name: 'Retry the 1 that failed' }).click()

  await expect(result).toContainText('All 4 segments replaced.')
  const after = await fanpass.requests('/api/v1/segments')
  expect(after).toHaveLength(before.length + 1)
  expect(after.at(-1)).toMatchObject({ status: 200, userIdCount: before[0]?.userIdCount })
  expect((await fanpass.segment(failedTag))?.userIds.sort()).toEqual(fansByPlan[plan ?? ''])
  await expect(result.getByRole('button', { name: /^Retry/ })).toBeHidden()

  await page.getByRole('link', { name: 'History' }).click()
  const batch = page.getByRole('rowgroup', { name: /^Batch of 4 segments, / })
  // The heading, then a record per send: the failed one and its retry among them.
  await expect(batch.getByRole('row')).toHaveCount(6)
  await expect(batch.getByRole('row', { name: new RegExp(failedTag) })).toHaveCount(2)
  for (const tag of tags.filter((tag) => tag !== failedTag)) {
    await expect(batch.getByRole('row', { name: new RegExp(tag) })).toHaveCount(1)
  }
  await expect(page.getByRole('rowgroup', { name: /^Batch of/ })).toHaveCount(1)
})
