import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin'

/** A throwaway PostgreSQL cluster on loopback, for the integration suites; stop/start mid-test. */
export interface PostgresCluster {
  url: string
  start(): void
  stop(): void
  /** Stops the server and deletes its folder. */
  destroy(): void
}

function asPostgres(command: string, args: string[]): string {
  // Debian's PostgreSQL refuses to run as root, so the cluster belongs to user postgres.
  const asRoot = process.getuid?.() === 0
  const file = asRoot ? 'runuser' : `${BIN}/${command}`
  const fullArgs = asRoot ? ['-u', 'postgres', '--', `${BIN}/${command}`, ...args] : args
  return execFileSync(file, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A loopback port nothing listens on now, as the system hands out for port 0. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Creates and starts a cluster on a free port. Fixed ports made two runs on one machine (two
 * engineers, or a test run beside a CI run) take each other's cluster or fail to start one.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'fanpass-pg-'))
  chmodSync(dir, 0o777)
  const dataDir = join(dir, 'data')
  try {
    asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'])
  } catch (error) {
    throw new Error(
      `PostgreSQL 15 is needed for this suite (apt-get install -y postgresql; binaries in ${BIN}): ${String(error)}`,
    )
  }
  const options = `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off`
  const cluster: PostgresCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => {
      asPostgres('pg_ctl', ['-D', dataDir, '-o', options, '-w', '-l', join(dir, 'log'), 'start'])
    },
    stop: () => {
      asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'])
    },
    destroy: () => {
      try {
        // Immediate, not fast: the cluster and its folder go next, so its shutdown checkpoint
        // is wasted work, which took over the 10 s hook timeout at load 16 (7 Dec).
        asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  cluster.start()
  return cluster
}
