import { expect, type Page } from '@playwright/test'

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
