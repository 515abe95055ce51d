import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { historyStoreSuite } from './history-store-suite.ts'
import { openPgliteClient } from './pglite-client.ts'
import { SqlHistoryStore } from './sql-history-store.ts'

const root = mkdtempSync(join(tmpdir(), 'fanpass-pglite-'))
let count = 0
afterAll(() => rmSync(root, { recursive: true, force: true }))

historyStoreSuite('PGlite', async () =>
  SqlHistoryStore.open(await openPgliteClient(join(root, String(count++)))),
)
