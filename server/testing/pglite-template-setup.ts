// Vitest's and Playwright's global setup: one PGlite cluster made by initdb, which each new
// DATA_DIR then copies (see TEST_CLUSTER_TEMPLATE_ENV) instead of running initdb itself (~10 s
// of CPU a time; over a minute of wall time with the cores shared). The test processes inherit
// the variable, and so do the console processes they start. Against PostgreSQL
// (E2E_DATABASE_URL, e2e/run-against-postgres.ts) no console opens PGlite: nothing to make.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensurePgliteCluster, TEST_CLUSTER_TEMPLATE_ENV } from '../history/pglite-client.ts'

export default async function setup(): Promise<() => void> {
  if (process.env.E2E_DATABASE_URL) return () => undefined
  const root = mkdtempSync(join(tmpdir(), 'fanpass-cluster-template-'))
  const template = join(root, 'cluster')
  await ensurePgliteCluster(template)
  process.env[TEST_CLUSTER_TEMPLATE_ENV] = template
  return () => rmSync(root, { recursive: true, force: true })
}
