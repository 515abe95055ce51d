// Run by ensurePgliteCluster as a child process: creates the PGlite cluster in the folder given
// as its argument and exits, taking initdb's memory with it.
import { PGlite } from '@electric-sql/pglite'
import { PGLITE_OPTIONS } from './pglite-client.ts'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: create-pglite-cluster.ts <data dir>')
const db = await PGlite.create(dataDir, PGLITE_OPTIONS)
await db.close()
