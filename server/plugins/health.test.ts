import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { HistoryStoreHandle } from '../history/open-history.ts'
import { openHistoryStore } from '../history/open-history.ts'
import { HistoryRecorder } from '../history/recorder.ts'
import { startPostgresCluster, type PostgresCluster } from '../testing/postgres-cluster.ts'

// What a load balancer asks: is the process there (/healthz), and can it record what it forwards
// (/readyz), against a real PostgreSQL stopped and started, and a real disk filled up.

const apps: FastifyInstance[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function consoleOn(dataDir: string, history: HistoryStoreHandle): FastifyInstance {
  const recorder = new HistoryRecorder({
    store: history.get,
    dataDir,
    keepLists: 10,
    scopeClaim: undefined,
    fanpassHost: 'sandbox',
    historyHost: 'http://sandbox',
    warn: () => undefined,
  })
  const app = buildConsoleServer({
    upstream: { url: new URL('http://127.0.0.1:9'), target: 'sandbox' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    history: { store: history.get, recorder, keepLists: 10, scopeClaim: undefined },
    operations: { dataDir },
  })
  app.addHook('onClose', async () => {
    await recorder.close()
    await history.close()
  })
  apps.push(app)
  return app
}

/** Nothing an attacker could use: no folder, port, version or error text. */
function expectNoDetails(body: string, dataDir: string): void {
  expect(body).not.toContain(dataDir)
  expect(body).not.toMatch(/ECONN|ENOSPC|EROFS|EACCES|5543\d|postgres|node|v\d+\.\d+|\//i)
}

describe('GET /healthz', () => {
  it('answers 200 with a tiny body, without a token, even while nothing else is ready', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-healthz-'))
    dirs.push(dataDir)
    const app = consoleOn(dataDir, {
      get: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
      close: async () => undefined,
    })
    const answer = await app.inject({ method: 'GET', url: '/healthz' })
    expect(answer.statusCode).toBe(200)
    expect(answer.body.length).toBeLessThan(16)
    expect(answer.headers['cache-control']).toBe('no-store')
  })
})

describe('GET /readyz against a real PostgreSQL', () => {
  let cluster: PostgresCluster
  // initdb and a server start: seconds, more than a hook's default 10 s on a loaded machine.
  beforeAll(async () => {
    cluster = await startPostgresCluster()
  }, 60_000)
  afterAll(() => cluster.destroy())

  it('is 503 with a sentence while the database is stopped, and 200 again once it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-readyz-pg-'))
    dirs.push(dataDir)
    const app = consoleOn(dataDir, openHistoryStore(dataDir, cluster.url))

    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)

    cluster.stop()
    try {
      const away = await app.inject({ method: 'GET', url: '/readyz' })
      expect(away.statusCode).toBe(503)
      expect(away.body).toBe('Not ready: the history database does not answer.\n')
      expectNoDetails(away.body, dataDir)
    } finally {
      cluster.start()
    }

    const back = await app.inject({ method: 'GET', url: '/readyz' })
    expect(back.statusCode).toBe(200)
  }, 60_000)
})

// Mounting a tmpfs needs root; CI runs as root, so this only skips on a developer's machine.
const isRoot = process.getuid?.() === 0

describe.skipIf(!isRoot)('GET /readyz against a small disk (tmpfs, root only)', () => {
  let mountPoint: string
  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'fanpass-readyz-disk-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint])
  })
  afterAll(() => {
    execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
  })

  const database: HistoryStoreHandle = {
    get: async () => ({ ping: async () => undefined }) as never,
    close: async () => undefined,
  }

  it('is 503 while DATA_DIR is full, and 200 again once room is made', async () => {
    const dataDir = join(mountPoint, 'data')
    mkdirSync(dataDir)
    const app = consoleOn(dataDir, database)
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)

    const filler = join(dataDir, 'filler')
    expect(() => writeFileSync(filler, Buffer.alloc(4 * 1024 * 1024))).toThrow(/ENOSPC/)
    const full = await app.inject({ method: 'GET', url: '/readyz' })
    expect(full.statusCode).toBe(503)
    expect(full.body).toBe('Not ready: the disk that keeps upload records is full.\n')
    expectNoDetails(full.body, dataDir)

    rmSync(filler)
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
  })

  it('is 503 while DATA_DIR cannot be written (read-only), 200 once it can', async () => {
    const dataDir = join(mountPoint, 'data-ro')
    mkdirSync(dataDir)
    const app = consoleOn(dataDir, database)
    execFileSync('mount', ['-o', 'remount,ro', mountPoint])
    try {
      const readOnly = await app.inject({ method: 'GET', url: '/readyz' })
      expect(readOnly.statusCode).toBe(503)
      expect(readOnly.body).toBe(
        'Not ready: the folder that keeps upload records cannot be written.\n',
      )
      expectNoDetails(readOnly.body, dataDir)
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint])
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
  })
})
