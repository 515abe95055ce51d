import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  // A suite where every story times out must still end, with its report, well inside CI's limit.
  globalTimeout: 30 * 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
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
  webServer: {
    // The built console against the built-in sandbox, exactly as `npm start` serves it.
    command: 'tsx server/main.ts',
    url: `http://127.0.0.1:${port}/console/config`,
    // 10 s instead of 120 s, so the stalled-upload story (e2e/upload-through-a-bad-network.spec.ts)
    // meets the console's timeout in seconds; every other story is answered well within it.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      FANPASS_API_URL: '',
      UPSTREAM_TIMEOUT_MS: '10000',
      // A fresh embedded history per run; each story has its own club (e2e/support/console-test.ts).
      DATA_DIR: process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'fanpass-e2e-')),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      HISTORY_SCOPE_CLAIM: 'club',
    },
    reuseExistingServer: false,
    timeout: 60_000,
  },
})
