import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUILT_CONSOLE_ENTRY, startConsoleChild } from '../../server/testing/console-child.ts'

// One console per Playwright worker, so stories can run side by side: every story empties the
// sandbox before it starts, which two workers sharing one console would do under each other.

/** How long a console may take to listen on CI's loaded two cores (it opens its history first). */
export const CONSOLE_START_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 15_000

export interface RunningConsole {
  url: string
  stop(): Promise<void>
}

/**
 * The built console against its built-in sandbox, as `npm start` serves it, on a free port with
 * an embedded history of its own (or the PostgreSQL server at E2E_DATABASE_URL, shared as by
 * replicas; each story has its own club, so the stories' histories do not meet).
 */
export async function startBuiltConsole(): Promise<RunningConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-e2e-'))
  const launched = startConsoleChild(
    {
      FANPASS_API_URL: '',
      // 30 s instead of 120 s, so the stalled-upload story (upload-through-a-bad-network) meets
      // the console's timeout in seconds, while the 950,000-ID upload is still answered within
      // it when the stories and the unit tests share CI's two cores (it took over 10 s there).
      UPSTREAM_TIMEOUT_MS: '30000',
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      HISTORY_SCOPE_CLAIM: 'club',
      // Warnings and errors only: a worker's console serves hundreds of stories' requests.
      LOG_LEVEL: 'warn',
    },
    BUILT_CONSOLE_ENTRY,
  )
  // What the console says about itself (a refusal to start, a warning) belongs in the report.
  launched.child.stderr?.pipe(process.stderr)
  const url = await launched.listening
  return {
    url,
    async stop() {
      launched.child.kill('SIGTERM')
      const killer = setTimeout(() => launched.child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await launched.exited
      clearTimeout(killer)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
