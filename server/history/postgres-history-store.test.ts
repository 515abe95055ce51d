import { afterAll } from 'vitest'
import { startPostgresCluster } from '../testing/postgres-cluster.ts'
import { historyStoreSuite } from './history-store-suite.ts'
import { openPgClient } from './pg-client.ts'
import { recipeStoreSuite } from './recipe-store-suite.ts'
import { SqlHistoryStore } from './sql-history-store.ts'

const cluster = await startPostgresCluster()
afterAll(() => cluster.destroy())
let count = 0

/** A store on a database of its own in the cluster. */
async function openDatabase() {
  const name = `suite_${count++}`
  const admin = openPgClient(cluster.url)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.close()
  return SqlHistoryStore.open(openPgClient(cluster.url.replace(/\/postgres$/, `/${name}`)))
}

historyStoreSuite('PostgreSQL', openDatabase)
recipeStoreSuite('PostgreSQL', openDatabase)
