import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './support/console-test'
import { replaceSegments, sourceCard, splitByValue } from './support/segments-page'
import { fourPlansCsv } from './support/ticketing-export'

/**
 * What axe finds wrong inside `selector`. Not the banner rule: Mantine's Modal draws its title bar
 * as a <header>, beside the page's own, in every dialog of the console alike.
 */
async function accessibilityViolations(page: Page, selector: string): Promise<string[]> {
  const findings = await new AxeBuilder({ page })
    .include(selector)
    .disableRules(['landmark-no-duplicate-banner'])
    .analyze()
  return findings.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  )
}

test('a marketer splits an export by Plan Type into 4 tags, subtracts an opt-out list from each, and sends them in one confirmation', async ({
  connectedPage: page,
  fanpass,
}) => {
  const { csv } = fourPlansCsv()
  await page.getByLabel('CSV files').setInputFiles([csv])
  await expect(sourceCard(page, 'plans-monday.csv')).toContainText('10 unique IDs kept')
  await page.getByLabel('Paste user IDs').fill(['20002', '20006', '20009'].join('\n'))
  await page.getByRole('button', { name: 'Add pasted IDs' }).click()
  await expect(sourceCard(page, 'Pasted IDs')).toContainText('3 unique IDs kept')
  await page.getByRole('radio', { name: 'Subtract' }).check()
  await expect(page.getByText('7 IDs will be sent.')).toBeVisible()

  await splitByValue(page, 'plans-monday.csv', 'Plan Type')

  const result = await replaceSegments(page, 4, async (dialog) => {
    const table = dialog.getByRole('table', { name: 'Segments to replace' })
    await expect(table.getByRole('row')).toHaveCount(5)
    await expect(table.getByRole('row', { name: /planFullSeason/ })).toContainText('3')
    await expect(table.getByRole('row', { name: /planMiniPlan/ })).toContainText('New:')
    expect(await accessibilityViolations(page, '[role="dialog"]')).toEqual([])
  })

  await expect(result).toContainText('All 4 segments replaced.')
  expect(await accessibilityViolations(page, 'section[aria-label="Batch result"]')).toEqual([])
  for (const tag of ['planFullSeason', 'planHalfSeason', 'planFlexPlan', 'planMiniPlan']) {
    await expect(result.getByRole('listitem', { name: `Segment ${tag} replaced` })).toBeVisible()
  }
  const stored = async (tag: string) => (await fanpass.segment(tag))?.userIds.sort()
  expect(await stored('planFullSeason')).toEqual(['20001', '20003', '20004'])
  expect(await stored('planHalfSeason')).toEqual(['20005', '20007'])
  expect(await stored('planFlexPlan')).toEqual(['20008'])
  expect(await stored('planMiniPlan')).toEqual(['20010'])
  expect((await fanpass.segment('planFullSeason'))?.title).toBe('Plan Type: Full Season')
})
