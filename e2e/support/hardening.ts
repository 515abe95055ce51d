import { expect, type Locator, type Page } from '@playwright/test'

/** What went wrong in the page while a test ran, gathered from the moment it is attached. */
export interface PageWatch {
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[]
  /** Every request the page made to the FanPass API paths, as "METHOD /path". */
  apiRequests: string[]
}

/** Starts recording uncaught page errors and every request to /api/… before the test acts. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { pageErrors: [], apiRequests: [] }
  page.on('pageerror', (error) => watch.pageErrors.push(`${error.name}: ${error.message}`))
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      watch.apiRequests.push(`${request.method()} ${url.pathname}`)
    }
  })
  return watch
}

/**
 * Proves the page still answers a person at once: types into the segment Title and reads it back.
 * A main thread blocked by parsing or rendering would miss the 2-second budget.
 */
export async function expectResponsive(page: Page, text = 'Still responsive'): Promise<void> {
  const title = page.getByLabel('Title')
  await title.fill('')
  await title.pressSequentially(text)
  await expect(title).toHaveValue(text, { timeout: 2_000 })
}

/** The source card of a dropped file or pasted list. */
export function sourceCard(page: Page, name: string): Locator {
  return page.getByRole('article', { name: `Source ${name}` })
}

/** True when one of the hostile payloads ran in the page: each of them sets window.__xss. */
export async function injectedScriptRan(page: Page): Promise<boolean> {
  return page.evaluate(() => Reflect.get(window, '__xss') !== undefined)
}

/**
 * Pastes IDs, names the segment, and confirms the replacement; returns the Upload result region
 * (which may not have appeared yet).
 */
export async function sendPastedSegment(
  page: Page,
  segment: { ids: readonly string[]; title: string },
): Promise<Locator> {
  await page.getByLabel('Paste user IDs').fill(segment.ids.join('\n'))
  await page.getByRole('button', { name: 'Add pasted IDs' }).click()
  const count = segment.ids.length
  await expect(page.getByText(`${count} ${count === 1 ? 'ID' : 'IDs'} will be sent.`)).toBeVisible()
  await page.getByLabel('Title').fill(segment.title)
  await page.getByRole('button', { name: 'Upload segment' }).click()
  await page
    .getByRole('dialog', { name: 'Replace segment?' })
    .getByRole('button', { name: 'Replace segment' })
    .click()
  return page.getByRole('region', { name: 'Upload result' })
}
