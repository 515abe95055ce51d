// The team-history stories again, with the console's history in a real PostgreSQL server
// instead of the embedded one (issue #12: "one e2e story against a real PostgreSQL"). Runs
// after the main e2e suite in `npm run test:e2e`, on a throwaway cluster of its own.
import { spawnSync } from 'node:child_process'
import { startPostgresCluster } from '../server/testing/postgres-cluster.ts'

const STORIES = ['e2e/compare-with-a-colleagues-upload.spec.ts']

const cluster = startPostgresCluster(55435)
let status = 1
try {
  const run = spawnSync('npx', ['playwright', 'test', ...STORIES], {
    stdio: 'inherit',
    env: { ...process.env, E2E_DATABASE_URL: cluster.url },
  })
  status = run.status ?? 1
} finally {
  cluster.destroy()
}
process.exit(status)
