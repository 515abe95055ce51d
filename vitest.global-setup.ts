// Runs once before every test file: one PGlite cluster made by initdb, which each test's new
// DATA_DIR copies (see TEST_CLUSTER_TEMPLATE_ENV). The test processes inherit the variable, and
// so do the console processes the tests start.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensurePgliteCluster, TEST_CLUSTER_TEMPLATE_ENV } from './server/history/pglite-client.ts'

export default async function setup(): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), 'fanpass-cluster-template-'))
  const template = join(root, 'cluster')
  await ensurePgliteCluster(template)
  process.env[TEST_CLUSTER_TEMPLATE_ENV] = template
  return () => rmSync(root, { recursive: true, force: true })
}
