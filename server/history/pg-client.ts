import pg from 'pg'
import type { SqlClient, SqlQueryable } from './sql-client.ts'

// An unreachable database must not hold an upload's answer for long: it is then spooled.
const CONNECT_TIMEOUT_MS = 2_000

/** A pool on a PostgreSQL server, e.g. openPgClient('postgres://console@db:5432/history'). */
export function openPgClient(connectionString: string): SqlClient {
  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max: 8,
  })
  // A server that goes away makes idle clients emit 'error'; the next query reports it.
  pool.on('error', () => undefined)
  const queryable = (target: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query(text, [...params])
      return result.rows as Row[]
    },
  })
  return {
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work(queryable(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
