import { join } from 'node:path'
import type { HistoryStore } from './history-store.ts'
import { openPgClient } from './pg-client.ts'
import { openPgliteClient } from './pglite-client.ts'
import { SqlHistoryStore } from './sql-history-store.ts'

/** The history's database: a PostgreSQL server when `databaseUrl` is set, else PGlite in dataDir. */
export interface HistoryStoreHandle {
  /** The open store; rejects while the database does not answer, and tries again next time. */
  get(): Promise<HistoryStore>
  close(): Promise<void>
}

export function openHistoryStore(
  dataDir: string,
  databaseUrl: string | undefined,
): HistoryStoreHandle {
  let opening: Promise<HistoryStore> | undefined
  const open = async () =>
    SqlHistoryStore.open(
      databaseUrl ? openPgClient(databaseUrl) : await openPgliteClient(join(dataDir, 'pglite')),
    )
  return {
    get() {
      opening ??= open()
      opening.catch(() => {
        opening = undefined
      })
      return opening
    },
    async close() {
      const store = await opening?.catch(() => undefined)
      await store?.close()
    },
  }
}
