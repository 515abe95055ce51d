import { expect, type Locator, type Page } from '@playwright/test'

// The steps a marketer takes on the Segments page, shared by the stories that take them.

/** The source card of a dropped file or pasted list. */
export function sourceCard(page: Page, name: string): Locator {
  return page.getByRole('article', { name: `Source ${name}` })
}

/** Pastes IDs, one a line, adds them as a source, and waits for the count to send. */
export async function addPastedIds(page: Page, ids: readonly string[]): Promise<void> {
  await page.getByLabel('Paste user IDs').fill(ids.join('\n'))
  await page.getByRole('button', { name: 'Add pasted IDs' }).click()
  const count = ids.length
  await expect(page.getByText(`${count} ${count === 1 ? 'ID' : 'IDs'} will be sent.`)).toBeVisible()
}

/**
 * Presses Upload segment, lets `inspect` look at the confirmation dialog, confirms, and waits
 * for FanPass to say how many IDs it queued.
 */
export async function replaceSegment(
  page: Page,
  expectedQueued: number,
  inspect: (dialog: Locator) => Promise<void> = async () => {},
): Promise<Locator> {
  await page.getByRole('button', { name: 'Upload segment' }).click()
  const dialog = page.getByRole('dialog', { name: 'Replace segment?' })
  await inspect(dialog)
  await dialog.getByRole('button', { name: 'Replace segment' }).click()
  const result = page.getByRole('region', { name: 'Upload result' })
  await expect(result).toContainText(`queued ${expectedQueued} for import`)
  return result
}

/**
 * Pastes IDs, names the segment, and confirms the replacement; returns the Upload result region
 * (which may not have appeared yet, and may tell of a failure).
 */
export async function sendPastedSegment(
  page: Page,
  segment: { ids: readonly string[]; title: string },
): Promise<Locator> {
  await addPastedIds(page, segment.ids)
  await page.getByLabel('Title').fill(segment.title)
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await page
    .getByRole('dialog', { name: 'Replace segment?' })
    .getByRole('button', { name: 'Replace segment' })
    .click()
  return page.getByRole('region', { name: 'Upload result' })
}

/**
 * From the Recipes page, "Refresh with this recipe" on the recipe named `recipe`, with this
 * week's `files`; returns the Refresh with a recipe region, which says what came of it.
 */
export async function refreshWithRecipe(
  page: Page,
  recipe: string,
  files: Parameters<Locator['setInputFiles']>[0],
): Promise<Locator> {
  await page.getByRole('link', { name: 'Recipes' }).click()
  await page
    .getByRole('row', { name: new RegExp(recipe) })
    .getByRole('button', { name: 'Refresh with this recipe' })
    .click()
  const refresh = page.getByRole('region', { name: 'Refresh with a recipe' })
  await refresh.getByLabel("This week's files").setInputFiles(files)
  return refresh
}

/** Adds "Column is one of Value" from a card's "Keep rows where…" checklist. */
export async function keepRowsWhereOneOf(section: Locator, column: string, valueLabel: string) {
  await section.getByLabel('Column').selectOption(column)
  await expect(section.getByLabel('Operator')).toHaveValue('text:isOneOf')
  await section.getByRole('checkbox', { name: valueLabel, exact: true }).check()
  await section.getByRole('button', { name: 'Add condition' }).click()
}

/** Splits a dropped export's final list into one segment per value of `column`. */
export async function splitByValue(
  page: Page,
  sourceName: string,
  column: string,
): Promise<Locator> {
  await sourceCard(page, sourceName)
    .getByLabel('One segment per value of', { exact: true })
    .selectOption(column)
  const table = page.getByRole('table', { name: `Segments per value of ${column}` })
  await expect(table).toBeVisible()
  return table
}

/**
 * Presses "Upload N segments", lets `inspect` look at the batch's confirmation, confirms, and
 * returns the Batch result region.
 */
export async function replaceSegments(
  page: Page,
  count: number,
  inspect: (dialog: Locator) => Promise<void> = async () => {},
): Promise<Locator> {
  await page.getByRole('button', { name: `Upload ${count} segments` }).click()
  const dialog = page.getByRole('dialog', { name: `Replace ${count} segments?` })
  await inspect(dialog)
  await dialog.getByRole('button', { name: `Replace ${count} segments` }).click()
  await expect(dialog).toBeHidden()
  return page.getByRole('region', { name: 'Batch result' })
}
