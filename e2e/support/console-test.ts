import { test as base, expect, type Page } from '@playwright/test'
import { watchConsole, type PageWatch } from './page-health'
import { sandbox, type Sandbox } from './sandbox'

// The `test` every story uses: Playwright's, with the console's set-up as fixtures (as
// epic-stack's tests/playwright-utils.ts gives its login), so a story starts where it begins.

export { expect }

interface ConsoleFixtures {
  /** The sandbox FanPass, emptied before every story: its store and request log are this story's. */
  fanpass: Sandbox
  /** Uncaught errors and API requests in every tab of the story, from before the first page loads. */
  watch: PageWatch
  /** `page`, on Segments and connected with the sandbox's demo token, as a newcomer would. */
  connectedPage: Page
  /** Opens the console again in a new tab at `path` and connects it, as after closing the first. */
  openConnectedTab: (path: string) => Promise<Page>
}

async function connect(page: Page, path: string): Promise<Page> {
  await page.goto(path)
  await page.getByRole('button', { name: 'Use sandbox token' }).click()
  await expect(page.getByText(/Signed in as Sandbox Marketer/)).toBeVisible()
  return page
}

export const test = base.extend<ConsoleFixtures>({
  fanpass: [
    async ({ request }, use) => {
      const fanpass = sandbox(request)
      await fanpass.reset()
      await use(fanpass)
    },
    // Every story, even one that only looks, starts from an empty sandbox.
    { auto: true },
  ],
  watch: async ({ context }, use) => {
    await use(watchConsole(context))
  },
  // Depends on `watch` so that, in a story that asks for both, nothing the first load does is missed.
  connectedPage: async ({ page, watch: _watch }, use) => {
    await use(await connect(page, '/segments'))
  },
  openConnectedTab: async ({ context }, use) => {
    await use(async (path) => connect(await context.newPage(), path))
  },
})
