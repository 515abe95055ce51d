import fp from 'fastify-plugin'
import type { HistoryStore } from '../history/history-store.ts'
import { dataDirProblem } from '../operations/data-dir.ts'

export interface HealthOptions {
  /** The history's database; omitted (no history), readiness does not depend on one. */
  store?: () => Promise<HistoryStore>
  /** Where records and lists are spooled; omitted, no disk is checked. */
  dataDir?: string
}

// A load balancer asks every few seconds: a database that takes longer than this is not ready.
const CHECK_TIMEOUT_MS = 2_000

// Sentences only: no path, version or error text an attacker could use.
const NOT_READY = {
  database: 'Not ready: the history database does not answer.',
  full: 'Not ready: the disk that keeps upload records is full.',
  unwritable: 'Not ready: the folder that keeps upload records cannot be written.',
} as const

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS)
    work.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}

/**
 * GET /healthz: the process answers (liveness). GET /readyz: it can also record what it
 * forwards (the database answers, DATA_DIR has room and can be written); 503 with a sentence
 * otherwise, 200 again once it recovers. Neither needs a token; the details go to the log.
 */
export const healthPlugin = fp<HealthOptions>(
  async (app, { store, dataDir }) => {
    const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
    app.get('/healthz', async (_request, reply) => reply.code(200).headers(plain).send('ok\n'))
    app.get('/readyz', async (request, reply) => {
      const problems: string[] = []
      if (store) {
        try {
          await withinTimeout(store().then((opened) => opened.ping()))
        } catch (error) {
          request.log.warn({ err: error }, 'not ready: the history database does not answer')
          problems.push(NOT_READY.database)
        }
      }
      const disk = dataDir === undefined ? null : await dataDirProblem(dataDir)
      if (disk) {
        request.log.warn({ problem: disk }, 'not ready: DATA_DIR cannot take records')
        problems.push(NOT_READY[disk])
      }
      if (problems.length > 0)
        return reply
          .code(503)
          .headers(plain)
          .send(`${problems.join(' ')}\n`)
      return reply.code(200).headers(plain).send('ready\n')
    })
  },
  { name: 'health' },
)
