import { expect, test } from './support/console-test'

const pages = [
  { path: '/segments', heading: 'Segments', chunk: 'segments-route' },
  { path: '/user-properties', heading: 'User properties', chunk: 'user-properties-route' },
  { path: '/recipes', heading: 'Recipes', chunk: 'recipes-route' },
  { path: '/history', heading: 'History', chunk: 'history-route' },
  { path: '/settings', heading: 'Settings', chunk: 'settings-route' },
]

test.describe('a marketer opens a page by its address', () => {
  for (const { path, heading, chunk } of pages) {
    test(`${path}: the page's code is fetched with the shell's, not after it`, async ({ page }) => {
      const response = await page.goto(path)
      const html = (await response?.text()) ?? ''
      const preloaded = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)]
        .map((match) => match[1] ?? '')
        .filter((href) => href.includes(`/${chunk}-`))
      expect(preloaded).toHaveLength(1)
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible()
    })
  }
})
