import { expect, type Locator, type Page } from '@playwright/test'

/** Opens a page of the console and connects with the sandbox's demo token, as a newcomer would. */
export async function openConnected(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.getByRole('button', { name: 'Use sandbox token' }).click()
  await expect(page.getByText(/Signed in as Sandbox Marketer/)).toBeVisible()
}

/** Opens a page of the console and uses the given token. */
export async function openWithToken(page: Page, path: string, token: string): Promise<void> {
  await page.goto(path)
  await page.getByLabel('API token').fill(token)
  await page.getByRole('button', { name: 'Use token' }).click()
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
