import { expect, test } from './support/console-test'
import { accessibilityViolations } from './support/page-health'
import { replaceSegments, sourceCard } from './support/segments-page'
import { optedOutFans, planTypesTicketsCsv } from './support/ticketing-export'

test('a marketer splits a ticketing export by plan type into four segments, the opt-outs subtracted from each, and sends them in one confirmation', async ({
  connectedPage: page,
  connectWithClubToken,
  fanpass,
}) => {
  await connectWithClubToken(page)
  await page.getByLabel('CSV files').setInputFiles([planTypesTicketsCsv()])
  const card = sourceCard(page, 'tickets-by-plan.csv')
  await expect(card).toContainText('11 unique IDs kept')
  // The opt-outs, pasted as a second source, are taken from every segment of the split.
  await page.getByLabel('Paste user IDs').fill(optedOutFans.join('\n'))
  await page.getByRole('button', { name: 'Add pasted IDs' }).click()
  await expect(sourceCard(page, 'Pasted IDs')).toContainText('3 unique IDs kept')
  await page.getByRole('radio', { name: 'Subtract' }).check()
  await expect(page.getByText('8 IDs will be sent.')).toBeVisible()
  await expect(
    page.getByText('8 IDs of tickets-by-plan.csv remain after removing the 3 also in Pasted IDs.'),
  ).toBeVisible()

  const split = card.getByRole('region', { name: 'One segment per value of…' })
  await split.getByLabel('One segment per value of').selectOption('Plan Type')
  await expect(split.getByLabel('Tag prefix')).toHaveValue('plan')
  await split.getByLabel('Title pattern').fill('Plan: {value}')

  const table = page.getByRole('table', { name: 'Segments per value of Plan Type' })
  const rows = table.getByRole('row')
  await expect(rows).toHaveCount(5)
  const shown = async () =>
    Promise.all(
      (await rows.all())
        .slice(1)
        .map(async (row) => [
          await row.getByRole('cell').nth(1).innerText(),
          await row.getByRole('textbox', { name: /^Tag of / }).inputValue(),
          await row.getByRole('textbox', { name: /^Title of / }).inputValue(),
          await row.getByRole('cell').nth(4).innerText(),
        ]),
    )
  await expect.poll(shown).toEqual([
    ['Full Season', 'planFullSeason', 'Plan: Full Season', '3'],
    ['Half Season', 'planHalfSeason', 'Plan: Half Season', '2'],
    ['Flex Plan', 'planFlexPlan', 'Plan: Flex Plan', '2'],
    ['Mini Plan', 'planMiniPlan', 'Plan: Mini Plan', '1'],
  ])
  await expect(page.getByText('4 of 4 values ticked: 4 segments with 8 IDs.')).toBeVisible()
  // The preview says what the split sends, not the list it is cut from as if it were sent.
  const preview = page.getByRole('region', { name: 'IDs to send' })
  await expect(preview.getByRole('status')).toHaveText(
    '4 segments will be sent: 8 IDs in all, split from the 8 IDs below.',
  )
  await expect(page.getByText('8 IDs will be sent.')).toHaveCount(0)
  // The combine card too says what is sent: each segment, not the list it is cut from.
  await expect(
    page.getByText('Each of the 4 segments: rows kept from tickets-by-plan.csv, minus Pasted IDs.'),
  ).toBeVisible()
  await expect(page.getByText(/remain after removing/)).toHaveCount(0)
  await expect(table.getByText('new tag')).toHaveCount(4)
  await expect(page.getByRole('button', { name: 'Upload 4 segments' })).toBeVisible()

  const result = await replaceSegments(page, 4, async (dialog) => {
    const confirmed = dialog.getByRole('table', { name: 'Segments to replace' })
    await expect(confirmed.getByRole('row')).toHaveCount(5)
    await expect(confirmed.getByRole('row', { name: /planFullSeason/ })).toContainText('New:')
    expect(await accessibilityViolations(page, '[role="dialog"]')).toEqual([])
  })
  await expect(result).toContainText('All 4 segments replaced.')
  for (const tag of ['planFullSeason', 'planHalfSeason', 'planFlexPlan', 'planMiniPlan']) {
    await expect(result.getByRole('listitem', { name: `Segment ${tag} replaced` })).toContainText(
      'Correlation ID:',
    )
  }
  expect(await accessibilityViolations(page, 'section[aria-label="Batch result"]')).toEqual([])
  const stored = async (tag: string) => (await fanpass.segment(tag))?.userIds.sort()
  expect(await stored('planFullSeason')).toEqual(['10001', '10004', '10006'])
  expect(await stored('planHalfSeason')).toEqual(['10003', '10011'])
  expect(await stored('planFlexPlan')).toEqual(['10005', '10009'])
  expect(await stored('planMiniPlan')).toEqual(['10008'])
  expect((await fanpass.segment('planMiniPlan'))?.title).toBe('Plan: Mini Plan')
})
