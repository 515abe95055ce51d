import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
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

/** Creates and starts a cluster on `port` (55432–55439 in this project: 55432–55434 Vitest, 55435 e2e), e.g. startPostgresCluster(55433). */
export function startPostgresCluster(port: number): PostgresCluster {
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
        cluster.stop()
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  cluster.start()
  return cluster
}
