import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, rename, rm, rmdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { PGlite, types, type PGliteOptions } from '@electric-sql/pglite'
import type { SqlClient, SqlQueryable } from './sql-client.ts'

const CREATE_ENTRY = fileURLToPath(new URL('./create-pglite-cluster.ts', import.meta.url))
// By its path, so the child finds it whatever the console's working directory is.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/**
 * How PGlite runs the history in this process. PostgreSQL's defaults size its caches for a
 * shared server (128 MB of shared buffers), and WebAssembly memory never shrinks: every page a
 * buffer once touched stays resident for the life of the console. The history is a few small
 * tables and compressed ID blocks, so small caches cost it no measurable time.
 */
export const PGLITE_OPTIONS: PGliteOptions = {
  startParams: [
    ...PGlite.defaultStartParams,
    '-c',
    'shared_buffers=16MB',
    // Used by index builds and VACUUM; the default 64 MB would stay resident after the first one.
    '-c',
    'maintenance_work_mem=16MB',
    '-c',
    'temp_buffers=1MB',
  ],
}

// V8 compiles PGlite's 9 MB of WebAssembly twice: quickly (Liftoff) and then, for what runs
// often, optimised (TurboFan), keeping both. The history's queries are small, so the optimised
// tier saves little time and costs ~40-60 MB resident; opening takes a third of the time without
// it. Only WebAssembly compiled from then on is affected, and PGlite is the process's only one.
const WASM_FLAGS = ['--liftoff-only']

/**
 * The test suites' one cluster made ahead (server/testing/pglite-template-setup.ts, the global
 * setup of Vitest and Playwright): each test's new DATA_DIR is a copy of it instead of an initdb,
 * which costs ~10 s of CPU a time on CI's two cores. Never set for the console itself.
 */
export const TEST_CLUSTER_TEMPLATE_ENV = 'FANPASS_TEST_PGLITE_TEMPLATE'

/**
 * Creates the PostgreSQL cluster in `dataDir` when it has none, in a child process that exits.
 * PGlite creates a cluster by running initdb in a second, in-memory PostgreSQL instance beside
 * the first and copying its files over as a tarball; in this process that left ~500 MB resident
 * for the console's life. The child builds it in a sibling folder that is renamed into place,
 * so a creation cut short never leaves a half-made cluster that looks whole.
 */
export async function ensurePgliteCluster(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return
  // A folder with files but no cluster is not ours to delete or write over.
  const present = await readdir(dataDir).catch(() => [])
  if (present.length > 0) {
    throw new Error(
      `${dataDir} holds files but no history database (no PG_VERSION): move it away and start again.`,
    )
  }
  const parent = dirname(dataDir)
  await mkdir(parent, { recursive: true })
  const building = await mkdtemp(join(parent, `${basename(dataDir)}.creating-`))
  try {
    const template = process.env[TEST_CLUSTER_TEMPLATE_ENV]
    if (template) await cp(template, building, { recursive: true })
    else await runCreateChild(building)
    // An empty folder (left by an earlier version, or made by hand) is replaced.
    await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await rename(building, dataDir)
  } catch (error) {
    await rm(building, { recursive: true, force: true })
    throw error
  }
}

function runCreateChild(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The entry is TypeScript whichever way this process was started (tsx, vitest).
    const child = fork(CREATE_ENTRY, [dataDir], {
      execArgv: [...WASM_FLAGS, '--import', TSX_LOADER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code === 0) resolve()
      else {
        const end = signal ?? `code ${code}`
        reject(new Error(`creating the history database in ${dataDir} failed (${end}): ${stderr}`))
      }
    })
  })
}

/** The embedded PostgreSQL in `dataDir`, created on first use (which takes a few seconds). */
export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  await ensurePgliteCluster(dataDir)
  for (const flag of WASM_FLAGS) setFlagsFromString(flag)
  const db = await PGlite.create(dataDir, {
    ...PGLITE_OPTIONS,
    // PGlite's own bytea parser decodes hex in JavaScript, a character pair at a time: a 1M-ID
    // list's blocks took ~0.8 s to read. Buffer's native hex decoder takes milliseconds.
    parsers: { [types.BYTEA]: (hex: string) => Buffer.from(hex.slice(2), 'hex') },
    // Its serializer makes a string of each byte and joins them: storing a 1M-ID list's blocks
    // grew the heap from ~27 MB to ~100 MB, resident for a while after. Buffer's hex is native.
    serializers: {
      [types.BYTEA]: (bytes: Uint8Array) =>
        `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`,
    },
  })
  const queryable = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(text, [...params])
      return result.rows
    },
  })
  return {
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: () => db.close(),
  }
}
