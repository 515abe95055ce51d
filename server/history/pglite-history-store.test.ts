import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { historyStoreSuite } from './history-store-suite.ts'
import {
  ensurePgliteCluster,
  openPgliteClient,
  TEST_CLUSTER_TEMPLATE_ENV,
} from './pglite-client.ts'
import { recipeStoreSuite } from './recipe-store-suite.ts'
import type { SqlClient } from './sql-client.ts'
import { SqlHistoryStore } from './sql-history-store.ts'

const root = mkdtempSync(join(tmpdir(), 'fanpass-pglite-'))
const template = join(root, 'template')

async function withTemplate<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const shared = process.env[TEST_CLUSTER_TEMPLATE_ENV]
  const set = (to: string | undefined) => {
    if (to === undefined) Reflect.deleteProperty(process.env, TEST_CLUSTER_TEMPLATE_ENV)
    else process.env[TEST_CLUSTER_TEMPLATE_ENV] = to
  }
  set(value)
  try {
    return await run()
  } finally {
    set(shared)
  }
}
// Creating a cluster takes seconds (initdb in a child process): it is done once, and each store
// of the suite opens a copy of it, as the console does on every start after its first. This file
// is where that creation is tested, so it runs initdb itself rather than copying the template
// every other test file's DATA_DIR is made from.
beforeAll(() => withTemplate(undefined, () => ensurePgliteCluster(template)), 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }), 60_000)

describe('the PGlite cluster', () => {
  it('is created whole and renamed into place, leaving no folder it was built in', () => {
    expect(existsSync(join(template, 'PG_VERSION'))).toBe(true)
    expect(readdirSync(root).filter((name) => name.includes('.creating-'))).toEqual([])
  })

  it('is a copy of the template the tests set, when they set one, and opens like any other', async () => {
    const copied = join(root, 'copied')
    await withTemplate(template, () => ensurePgliteCluster(copied))
    const client = await openPgliteClient(copied)
    try {
      expect(await client.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }])
    } finally {
      await client.close()
    }
  })

  it('is never written over a folder that holds files but no cluster', async () => {
    const taken = join(root, 'taken')
    mkdirSync(taken)
    writeFileSync(join(taken, 'notes.txt'), 'a marketer keeps files here')
    await expect(ensurePgliteCluster(taken)).rejects.toThrow('holds files but no history database')
    expect(readdirSync(taken)).toEqual(['notes.txt'])
  })
})

// One embedded database for every store of the suites: opening one is a WebAssembly PostgreSQL
// instance (seconds of CPU each, minutes for thirty on a loaded CI machine). Each store gets an
// empty database by dropping and re-creating the schema the migrations write into.
let shared: SqlClient
beforeAll(async () => {
  const dataDir = join(root, 'shared')
  cpSync(template, dataDir, { recursive: true })
  shared = await openPgliteClient(dataDir)
}, 120_000)
afterAll(() => shared.close())

/** A store on an empty database: the shared instance with its schema made anew. */
async function openOnEmptySchema() {
  await shared.query('DROP SCHEMA public CASCADE')
  await shared.query('CREATE SCHEMA public')
  // The suites close each store after its test; the instance stays open for the next one.
  return SqlHistoryStore.open({ ...shared, close: async () => {} })
}

historyStoreSuite('PGlite', openOnEmptySchema)
recipeStoreSuite('PGlite', openOnEmptySchema)
