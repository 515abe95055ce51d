import { test as base, expect, type Page } from '@playwright/test'
import { CONSOLE_START_TIMEOUT_MS, startBuiltConsole, type RunningConsole } from './console-server'
import { watchConsole, type PageWatch } from './page-health'
import { sandbox, type Sandbox } from './sandbox'
import { createJwt } from './tokens'

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
  /** The story's own club (HISTORY_SCOPE_CLAIM=club in playwright.config.ts), so each story's team history starts empty. */
  club: string
  /** A colleague in the story's club: a new browser, on Segments, connected with a token naming them. */
  openColleague: (name: string) => Promise<Page>
  /**
   * Connects `page` where it is with a token of the story's club, as a marketer pastes one. The
   * sandbox's demo token names no club, so with HISTORY_SCOPE_CLAIM set it reads no history.
   */
  connectWithClubToken: (page: Page) => Promise<void>
}

interface ConsoleWorkerFixtures {
  /** This worker's own console and sandbox (console-server.ts); `baseURL` points at it. */
  builtConsole: RunningConsole
}

async function connect(page: Page, path: string, club: string, name = 'Sandbox Marketer') {
  await page.goto(path)
  await pasteClubToken(page, club, name)
  return page
}

async function pasteClubToken(page: Page, club: string, name = 'Sandbox Marketer') {
  const token = createJwt({
    sub: name.toLowerCase().replaceAll(' ', '-'),
    name,
    club,
    // Eight hours, like the demo token: a shorter one shows "Token expires soon" instead.
    exp: Math.floor(Date.now() / 1000) + 8 * 3600,
  })
  const tokenField = page.getByLabel('API token')
  await tokenField.fill(token)
  await tokenField.press('Enter')
  await expect(page.getByText(new RegExp(`Signed in as ${name}`))).toBeVisible()
}

export const test = base.extend<ConsoleFixtures, ConsoleWorkerFixtures>({
  builtConsole: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const running = await startBuiltConsole()
      await use(running)
      await running.stop()
    },
    { scope: 'worker', timeout: CONSOLE_START_TIMEOUT_MS },
  ],
  baseURL: async ({ builtConsole }, use) => {
    await use(builtConsole.url)
  },
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
  // Playwright reads a fixture's dependencies from its first parameter's pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  club: async ({}, use, testInfo) => {
    await use(`story-${testInfo.testId}-${Date.now()}`)
  },
  connectedPage: async ({ page, club, watch: _watch }, use) => {
    await use(await connect(page, '/segments', club))
  },
  openConnectedTab: async ({ context, club }, use) => {
    await use(async (path) => connect(await context.newPage(), path, club))
  },
  connectWithClubToken: async ({ club }, use) => {
    await use((page) => pasteClubToken(page, club))
  },
  openColleague: async ({ browser, club }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = []
    await use(async (name) => {
      const context = await browser.newContext()
      contexts.push(context)
      return connect(await context.newPage(), '/segments', club, name)
    })
    for (const context of contexts) await context.close()
  },
})
