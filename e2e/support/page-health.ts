import AxeBuilder from '@axe-core/playwright'
import { expect, type BrowserContext, type Page } from '@playwright/test'

/** What went wrong in the console's tabs while a story ran, gathered from the moment it is attached. */
export interface PageWatch {
  /** Uncaught exceptions and unhandled rejections in any tab. */
  pageErrors: string[]
  /** Every request a tab made to the FanPass API paths, as "METHOD /path". */
  apiRequests: string[]
}

/** Starts recording uncaught errors and every request to /api/… in every tab of `context`. */
export function watchConsole(context: BrowserContext): PageWatch {
  const watch: PageWatch = { pageErrors: [], apiRequests: [] }
  context.on('weberror', (webError) => {
    const error = webError.error()
    watch.pageErrors.push(`${error.name}: ${error.message}`)
  })
  context.on('request', (request) => {
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

/** True when one of the hostile payloads ran in the page: each of them sets window.__xss. */
export async function injectedScriptRan(page: Page): Promise<boolean> {
  return page.evaluate(() => Reflect.get(window, '__xss') !== undefined)
}

/**
 * What axe finds wrong inside `selector`, whatever its impact, one line per element; a dialog's
 * title bar included (the theme keeps Mantine's <header> from being a second banner).
 */
export async function accessibilityViolations(page: Page, selector: string): Promise<string[]> {
  const findings = await new AxeBuilder({ page }).include(selector).analyze()
  return findings.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  )
}
