import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BATCH_HEADER } from '../../contracts/history.ts'
import { buildConsoleServer } from '../app.ts'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import type { HistoryRecord, NewHistoryRecord } from './history-store.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import { openPgliteClient } from './pglite-client.ts'
import { HistoryRecorder } from './recorder.ts'
import { SqlHistoryStore } from './sql-history-store.ts'

// Many segments, one confirmation: each send of a batch carries X-Console-Batch; the recorder
// keeps it (a UUID, else nothing) so History shows the batch together. The embedded database.

const dirs: string[] = []
let sandbox: FastifyInstance
let sandboxUrl: URL
let database: HistoryStoreHandle
let dataDir: string
let recorder: HistoryRecorder
let consoleApp: FastifyInstance
let consoleUrl: string

const jane = fakeJwt({
  sub: 'jane',
  name: 'Jane Doe',
  club: 'lions',
  exp: Math.floor(Date.now() / 1000) + 3600,
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

function upload(tag: string, batch: string | undefined) {
  return fetch(`${consoleUrl}/api/v1/segments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${jane}`,
      'content-type': 'application/json',
      ...(batch === undefined ? {} : { [BATCH_HEADER]: batch }),
    },
    body: JSON.stringify({ title: `Title of ${tag}`, tag, sourceType: 0, userIds: ['1', '2'] }),
  })
}

async function batchOf(tag: string): Promise<string | null | undefined> {
  const response = await fetch(`${consoleUrl}/console/history/records`, {
    headers: { authorization: `Bearer ${jane}` },
  })
  const { records } = (await response.json()) as { records: HistoryRecord[] }
  return records.find((record) => record.tag === tag)?.batchId
}

beforeAll(async () => {
  sandbox = buildSandbox({ logger: false })
  sandboxUrl = new URL(await listenOnLoopback(sandbox))
  dataDir = tempDir('fanpass-batches-')
  database = openHistoryStore(dataDir, undefined)
  recorder = new HistoryRecorder({
    store: database.get,
    dataDir,
    keepLists: 10,
    scopeClaim: 'club',
    fanpassHost: 'sandbox',
    historyHost: 'sandbox',
    warn: () => undefined,
  })
  await recorder.start()
  consoleApp = buildConsoleServer({
    upstream: { url: sandboxUrl, target: 'sandbox' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 10_000,
    logger: false,
    history: { store: database.get, recorder, keepLists: 10, scopeClaim: 'club' },
  })
  consoleUrl = await listenOnLoopback(consoleApp)
}, 60_000)

afterAll(async () => {
  await consoleApp.close()
  await recorder.close()
  await database.close()
  await sandbox.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the segments of one batch in the team history', () => {
  it('keeps the batch of each send, and History returns it', async () => {
    const batch = randomUUID()
    for (const tag of ['planFull', 'planHalf']) {
      expect((await upload(tag, batch.toUpperCase())).status).toBe(200)
    }
    expect((await upload('alone', undefined)).status).toBe(200)
    await recorder.settle()
    expect(await batchOf('planFull')).toBe(batch)
    expect(await batchOf('planHalf')).toBe(batch)
    expect(await batchOf('alone')).toBeNull()
  })

  it('ignores a batch header that is not a UUID, and still records the send', async () => {
    const answer = await upload('oddBatch', "1'; DROP TABLE history_records; --")
    expect(answer.status).toBe(200)
    await recorder.settle()
    expect(await batchOf('oddBatch')).toBeNull()
  })

  it('writes a record spooled to DATA_DIR/pending before batches existed, with no batch', async () => {
    const id = randomUUID()
    const record: Omit<NewHistoryRecord, 'batchId'> = {
      id,
      scope: 'club-pending',
      kind: 'segment',
      origin: 'console',
      createdAt: new Date().toISOString(),
      actorName: 'Jane Doe',
      actorSub: 'jane',
      fanpassHost: 'sandbox',
      tag: 'spooledBefore',
      title: 'Spooled before batches',
      sourceType: 0,
      notes: null,
      userIdCount: 1,
      bodySha256: null,
      correlationId: null,
      httpStatus: 200,
      messages: [],
      errors: [],
      jobId: null,
      details: {},
      listState: 'none',
    }
    const pendingDir = join(dataDir, 'pending')
    mkdirSync(pendingDir, { recursive: true })
    writeFileSync(join(pendingDir, `${id}.json`), JSON.stringify({ record, acceptedToken: null }))
    await recorder.drainPending()
    const store = await database.get()
    expect((await store.listRecords('club-pending', 10)).find((r) => r.id === id)).toMatchObject({
      tag: 'spooledBefore',
      batchId: null,
    })
  })
})

describe('the migration that gives records a batch', () => {
  it('leaves the records made before it in no batch', async () => {
    const client = await openPgliteClient(join(tempDir('fanpass-batch-migration-'), 'pglite'))
    await client.query(
      'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const before = [
      '001-history.sql',
      '002-ordered-id-lists.sql',
      '003-grants-per-host.sql',
      '004-lost-lists.sql',
      '005-tag-send-claims.sql',
    ]
    for (const name of before) {
      const sql = readFileSync(
        fileURLToPath(new URL(`./migrations/${name}`, import.meta.url)),
        'utf8',
      )
      for (const statement of sql.split(/;\s*$/m).map((s) => s.replace(/^\s*--.*$/gm, '').trim())) {
        if (statement !== '') await client.query(statement)
      }
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name])
    }
    const id = '10000000-0000-4000-8000-000000000001'
    await client.query(
      `INSERT INTO history_records (id, scope, kind, origin, created_at, fanpass_host, tag)
       VALUES ($1, 'club-a', 'segment', 'console', now(), 'sandbox', 'old')`,
      [id],
    )
    const store = await SqlHistoryStore.open(client)
    expect(await store.getRecord('club-a', id)).toMatchObject({ tag: 'old', batchId: null })
    await store.close()
  }, 180_000)
})
