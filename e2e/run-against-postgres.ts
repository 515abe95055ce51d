// The team-history stories again, with the console's history in a real PostgreSQL server
// instead of the embedded one (issue #12: "one e2e story against a real PostgreSQL"), on a
// throwaway cluster of its own. `npm run test:e2e` and `npm test`'s browser half run it after
// the main e2e suite. Its results and reports go to folders and files of their own, so neither
// run clears or overwrites the other's (the main suite's report used to be replaced by this one's).
import { spawnSync } from 'node:child_process'
import { startPostgresCluster } from '../server/testing/postgres-cluster.ts'

const STORIES = ['e2e/compare-with-a-colleagues-upload.spec.ts']

const cluster = await startPostgresCluster()
let status = 1
try {
  const run = spawnSync(
    'npx',
    ['playwright', 'test', '--output=test-results-postgres', ...STORIES],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_DATABASE_URL: cluster.url,
        PLAYWRIGHT_HTML_OUTPUT_DIR: 'playwright-report-postgres',
        // Its own JSON report, or none: never the main suite's (npm test reads both).
        PLAYWRIGHT_JSON_OUTPUT_FILE: process.env.POSTGRES_STORY_JSON_REPORT,
      },
    },
  )
  status = run.status ?? 1
} finally {
  cluster.destroy()
}
process.exit(status)
