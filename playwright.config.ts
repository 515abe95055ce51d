import { defineConfig } from '@playwright/test'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Each worker's console copies one PGlite cluster made here rather than running initdb on its
  // first start: two initdbs at once outlasted the console's 90 s start at a load of 17.
  globalSetup: './server/testing/pglite-template-setup.ts',
  timeout: 120_000,
  // A suite where every story times out must still end, with its report, well inside CI's limit.
  globalTimeout: 30 * 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Each worker starts its own console and sandbox (e2e/support/console-server.ts), so story
  // files run two at a time: much of a story is waiting (timeouts, retries, a token expiring).
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ...(process.env.CI ? [['html', { open: 'never' }] as const] : []),
    // npm test (scripts/run-tests.ts) names the failed stories last from this report.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['json'] as const] : []),
  ],
  use: {
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
