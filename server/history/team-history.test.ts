import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import { startPostgresCluster } from '../testing/postgres-cluster.ts'
import { MAX_RECORDED_CHARS } from './body-scanner.ts'
import type { HistoryRecord } from './history-store.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import { HISTORY_HEADER, HistoryRecorder } from './recorder.ts'

// The team history end to end against a real PostgreSQL: the console forwards to the sandbox
// and records through its tap; reads go through /console/history.

const cluster = await startPostgresCluster()
const dirs: string[] = []
const logLines: string[] = []
let sandbox: FastifyInstance
let sandboxUrl: URL

interface RunningConsole {
  url: string
  dataDir: string
  handle: HistoryStoreHandle
  recorder: HistoryRecorder
  app: FastifyInstance
}

async function startConsole({
  spoolLagLimitBytes,
  dataDir = mkdtempSync(join(tmpdir(), 'fanpass-history-')),
}: { spoolLagLimitBytes?: number; dataDir?: string } = {}): Promise<RunningConsole> {
  dirs.push(dataDir)
  const handle = openHistoryStore(dataDir, cluster.url)
  const recorder = new HistoryRecorder({
    store: handle.get,
    dataDir,
    keepLists: 10,
    scopeClaim: 'club',
    fanpassHost: 'sandbox',
    historyHost: 'sandbox',
    warn: (fields, message) => logLines.push(JSON.stringify({ fields, message })),
    spoolLagLimitBytes,
  })
  await recorder.start()
  const app = buildConsoleServer({
    upstream: { url: sandboxUrl, target: 'sandbox' },
    bodyLimitBytes: 64 * 1024 * 1024,
    upstreamTimeoutMs: 10_000,
    logger: { level: 'debug', stream: { write: (line) => logLines.push(line) } },
    history: { store: handle.get, recorder, keepLists: 10, scopeClaim: 'club' },
  })
  app.addHook('onClose', async () => {
    await recorder.close()
    await handle.close()
  })
  return { url: await listenOnLoopback(app), dataDir, handle, recorder, app }
}

const hour = () => Math.floor(Date.now() / 1000) + 3600
const jane = fakeJwt({ sub: 'jane', name: 'Jane Doe', club: 'lions', exp: hour() })
const sam = fakeJwt({ sub: 'sam', name: 'Sam Roe', club: 'lions', exp: hour() })
const otherClub = fakeJwt({ sub: 'ola', name: 'Ola', club: 'tigers', exp: hour() })

function upload(base: string, token: string, tag: string, userIds: string[]) {
  return fetch(`${base}/api/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `Title of ${tag}`,
      tag,
      sourceType: 0,
      notes: 'week 48',
      userIds,
    }),
  })
}

async function sandboxSegment(tag: string): Promise<string[] | null> {
  const response = await fetch(new URL(`/__sandbox/segments/${tag}`, sandboxUrl))
  return response.ok ? ((await response.json()) as { userIds: string[] }).userIds : null
}

async function read(base: string, path: string, token: string | undefined) {
  const response = await fetch(`${base}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

let first: RunningConsole
beforeAll(async () => {
  sandbox = buildSandbox({ logger: false })
  sandboxUrl = new URL(await listenOnLoopback(sandbox))
  first = await startConsole()
})
afterAll(async () => {
  await first.app.close()
  await sandbox.close()
  cluster.destroy()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the team history', () => {
  it('records an accepted upload with who made it, and a colleague reads it with her token', async () => {
    const answer = await upload(first.url, jane, 'renewals', ['1', '2', '3'])
    expect(answer.status).toBe(200)
    expect(answer.headers.get(HISTORY_HEADER)).toBe('recorded')
    await first.recorder.settle()

    // Sam has never uploaded: the probe proves his token to FanPass (the sandbox) first.
    const latest = await read(first.url, '/console/history/tags/renewals/latest', sam)
    expect(latest.status).toBe(200)
    const record = latest.body.record as HistoryRecord
    expect(record).toMatchObject({
      actorName: 'Jane Doe',
      tag: 'renewals',
      title: 'Title of renewals',
      notes: 'week 48',
      userIdCount: 3,
      httpStatus: 200,
      listState: 'kept',
    })
    const ids = await fetch(`${first.url}/console/history/records/${record.id}/ids`, {
      headers: { authorization: `Bearer ${sam}` },
    })
    expect(((await ids.json()) as string[]).sort()).toEqual(['1', '2', '3'])
  })

  it('records SQL-looking values sent through the proxy exactly as sent, and oversized ones capped', async () => {
    const nasty = "x'); DROP TABLE history_records; --"
    const robert = fakeJwt({
      sub: nasty,
      name: "Robert'); DELETE FROM accepted_tokens;--",
      club: 'lions',
      exp: hour(),
    })
    // The 4,000th UTF-16 unit of the title is the first half of an emoji.
    const body = {
      title: `${nasty}${'😀'.repeat(2000)}`,
      tag: 'sqlLooking',
      sourceType: 0,
      notes: `${nasty}\u0000\n${'n'.repeat(200_000)}`,
      userIds: [nasty, "'", 'i'.repeat(5000), 'fan\u00001'],
    }
    const answer = await fetch(`${first.url}/api/v1/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${robert}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(answer.status).toBe(200)
    await first.recorder.settle()

    const latest = await read(first.url, '/console/history/tags/sqlLooking/latest', robert)
    const record = latest.body.record as HistoryRecord
    expect(record).toMatchObject({
      actorName: "Robert'); DELETE FROM accepted_tokens;--",
      actorSub: nasty,
      // Capped at MAX_RECORDED_CHARS, and never inside an emoji.
      title: `${nasty}${'😀'.repeat((MAX_RECORDED_CHARS - nasty.length - 1) / 2)}`,
      // PostgreSQL keeps no U+0000: the record shows it as ␀.
      notes: body.notes.slice(0, MAX_RECORDED_CHARS).replace('\u0000', '␀'),
      userIdCount: 4,
      listState: 'kept',
    })
    const ids = await fetch(`${first.url}/console/history/records/${record.id}/ids`, {
      headers: { authorization: `Bearer ${robert}` },
    })
    expect(await ids.json()).toEqual(body.userIds)
  })

  it('answers 401 with a sentence to no token, an unknown, expired or refused token', async () => {
    const path = '/console/history/records'
    expect(await read(first.url, path, undefined)).toEqual({
      status: 401,
      body: expect.objectContaining({
        errors: [expect.stringMatching(/paste it under Connection/)],
      }),
    })
    const expired = fakeJwt({ sub: 'x', club: 'lions', exp: 1 })
    expect((await read(first.url, path, expired)).status).toBe(401)
    expect((await read(first.url, path, 'not-a-jwt')).status).toBe(401)
    const refused = await read(
      first.url,
      path,
      fakeJwt({ sub: 'x', exp: 1 }).replace(/\.[^.]*$/, '.'),
    )
    expect(refused.status).toBe(401)
  })

  it("shows another club's marketer none of this club's records", async () => {
    const { status, body } = await read(first.url, '/console/history/records', otherClub)
    expect(status).toBe(200)
    expect(body.records).toEqual([])
  })

  it('keeps forwarding while the database is down, and writes the spooled record once it is back', async () => {
    cluster.stop()
    try {
      const answer = await upload(first.url, jane, 'outage', ['7', '8'])
      expect(answer.status).toBe(200)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('pending')
    } finally {
      cluster.start()
    }
    await expect
      .poll(
        async () => {
          await first.recorder.drainPending()
          const latest = await read(first.url, '/console/history/tags/outage/latest', jane)
          return (latest.body.record as HistoryRecord | null)?.listState
        },
        { timeout: 20_000 },
      )
      .toBe('kept')
  })

  it('loses no record spooled while the database was down when the console restarts before it is back', async () => {
    const before = await startConsole()
    cluster.stop()
    try {
      const answer = await upload(before.url, jane, 'restarted', ['4', '5', '6'])
      expect(answer.status).toBe(200)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('pending')
      await before.app.close()
    } finally {
      cluster.start()
    }

    const after = await startConsole({ dataDir: before.dataDir })
    try {
      await expect
        .poll(
          // Starting is enough: the new console writes what the old one spooled.
          async () => {
            const latest = await read(after.url, '/console/history/tags/restarted/latest', jane)
            return latest.body.record as HistoryRecord | null
          },
          { timeout: 20_000 },
        )
        .toMatchObject({ actorName: 'Jane Doe', userIdCount: 3, listState: 'kept' })
      const { body } = await read(after.url, '/console/history/records', jane)
      const restarted = (body.records as HistoryRecord[]).filter(
        (record) => record.tag === 'restarted',
      )
      expect(restarted).toHaveLength(1)
    } finally {
      await after.app.close()
    }
  })

  it('finds a fan whose ID is "." or "..", which a path could not carry', async () => {
    expect((await upload(first.url, jane, 'dots', ['.', '..', 'x'])).status).toBe(200)
    await first.recorder.settle()
    for (const userId of ['.', '..']) {
      const found = await read(
        first.url,
        `/console/history/fans?userId=${encodeURIComponent(userId)}`,
        sam,
      )
      expect(found.body.versions).toMatchObject([
        { tag: 'dots', actorName: 'Jane Doe', containsId: true },
      ])
    }
    const other = await read(first.url, '/console/history/fans?userId=..', otherClub)
    expect(other.body.versions).toEqual([])
    expect((await read(first.url, '/console/history/fans', sam)).status).toBe(400)
  })

  it("imports a browser's earlier upload and properties job once each, marked as recorded by a browser", async () => {
    const importKey = (character: string) => character.repeat(64)
    const segment = {
      kind: 'segment',
      importKey: importKey('a'),
      createdAt: '2026-11-20T09:12:00.000Z',
      targetHost: '127.0.0.1:4010',
      tag: 'browserEra',
      title: 'Browser\u0000era',
      sourceType: 1,
      notes: '',
      httpStatus: 200,
      correlationId: 'corr-browser',
      messages: [],
      errors: [],
      annotations: {
        files: [{ name: 'old.csv', size: 12, sha256: null }],
        rowsRead: 2,
        removed: {},
      },
      ids: ['0012', '305'],
    }
    const job = {
      kind: 'properties-job',
      importKey: importKey('b'),
      createdAt: '2026-11-20T09:13:00.000Z',
      targetHost: '127.0.0.1:4010',
      jobId: 'browser-era-job',
      requestsPlanned: 2,
      requestsSucceeded: 2,
      requestsFailed: 0,
      usersUpdated: 1500,
      status: 'succeeded',
    }
    const send = (body: object) =>
      fetch(`${first.url}/console/history/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }))

    for (const attempt of [1, 2]) {
      const imported = attempt === 1
      expect(await send(segment)).toMatchObject({ status: 200, body: { imported } })
      expect(await send(job)).toMatchObject({ status: 200, body: { imported } })
    }

    const { body } = await read(first.url, '/console/history/records', sam)
    const fromBrowser = (body.records as HistoryRecord[]).filter(
      (record) => record.origin === 'browser-import',
    )
    expect(fromBrowser).toHaveLength(2)
    expect(fromBrowser).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'segment',
          tag: 'browserEra',
          title: 'Browser␀era',
          actorName: null,
          fanpassHost: '127.0.0.1:4010',
          userIdCount: 2,
          listState: 'kept',
        }),
        expect.objectContaining({
          kind: 'properties-job',
          jobId: 'browser-era-job',
          actorName: null,
          fanpassHost: '127.0.0.1:4010',
          userIdCount: 1500,
          details: expect.objectContaining({ requestsSucceeded: 2, status: 'succeeded' }),
        }),
      ]),
    )
    expect((await send({ ...job, status: 'done' })).status).toBe(400)
  })

  // Two replicas as separate processes: two-console-processes.test.ts.

  it('gives up keeping a list whose spool falls behind the upload, and still forwards and records it', async () => {
    const slowDisk = await startConsole({ spoolLagLimitBytes: 0 })
    try {
      const ids = Array.from({ length: 200_000 }, (_, index) => `fan-${index}`)
      const answer = await upload(slowDisk.url, jane, 'slowDisk', ids)
      expect(answer.status).toBe(200)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('recorded')
      expect((await sandboxSegment('slowDisk'))?.length).toBe(200_000)
      const latest = await read(slowDisk.url, '/console/history/tags/slowDisk/latest', jane)
      expect(latest.body.record).toMatchObject({ userIdCount: 200_000, listState: 'none' })
      expect(logLines.join('\n')).toContain(
        'history list not kept: the disk fell behind the upload',
      )
    } finally {
      await slowDisk.app.close()
    }
  })

  it('keeps no token in the database dump or in the logs', async () => {
    const dump = execFileSync(
      process.getuid?.() === 0 ? 'runuser' : '/usr/lib/postgresql/15/bin/pg_dumpall',
      process.getuid?.() === 0
        ? ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_dumpall', '-d', cluster.url]
        : ['-d', cluster.url],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    )
    expect(dump).toContain('Jane Doe')
    for (const token of [jane, sam, otherClub]) {
      expect(dump).not.toContain(token)
      expect(dump).not.toContain(token.split('.')[2])
      expect(logLines.join('\n')).not.toContain(token)
    }
  })
})
