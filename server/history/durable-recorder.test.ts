import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import {
  databaseAway,
  fanIds,
  jane,
  startRecordingConsole,
  teamRecords,
  upload,
  type RecordingConsole,
} from '../testing/recording-console.ts'
import type { HistoryRecord, HistoryStore } from './history-store.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import { DEAD_LETTER_AFTER_FAILURES, HISTORY_HEADER, RECORD_ID_HEADER } from './recorder.ts'

// The recorder never loses an upload and tells the truth: a real console over HTTP, the sandbox
// as FanPass, the embedded database in its own folder and DATA_DIR wherever a test puts it (a
// tiny tmpfs, a read-only one, a removed folder).

const isRoot = process.getuid?.() === 0
const dirs: string[] = []
const mounts: string[] = []
const warnings: string[] = []
let sandbox: FastifyInstance
let sandboxUrl: string
let database: HistoryStoreHandle

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** A tmpfs of `size` at a new folder (root only: CI runs as root). */
function tmpfs(size: string): string {
  const dir = tempDir('fanpass-tmpfs-')
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir])
  mounts.push(dir)
  return dir
}

/** Fills the folder's file system until the disk says it is full. */
function fill(dir: string): void {
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(64 * 1024 * 1024))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  }
}

function startConsole(
  dataDir: string,
  store: () => Promise<HistoryStore> = database.get,
  startRecorder = true,
): Promise<RecordingConsole> {
  return startRecordingConsole({ sandboxUrl, dataDir, store, warnings, startRecorder })
}

async function sandboxIds(tag: string): Promise<string[] | null> {
  const response = await fetch(`${sandboxUrl}/__sandbox/segments/${tag}`)
  return response.ok ? ((await response.json()) as { userIds: string[] }).userIds : null
}

beforeAll(async () => {
  sandbox = buildSandbox({ logger: false })
  sandboxUrl = await listenOnLoopback(sandbox)
  database = openHistoryStore(tempDir('fanpass-durable-db-'), undefined)
  await database.get()
}, 60_000)

afterAll(async () => {
  await database.close()
  await sandbox.close()
  for (const dir of mounts) execFileSync('umount', ['-l', dir])
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!isRoot)(
  'a DATA_DIR that fails never stops an upload (root: mounts a tmpfs)',
  () => {
    it('a 1 MB tmpfs filled by a 1 MB upload: FanPass gets every ID, the record is kept without its list, the console goes on', async () => {
      const running = await startConsole(tmpfs('1m'))
      const ids = fanIds(120_000)
      const answer = await upload(running.url, 'fullDisk', ids)
      expect(answer.status).toBe(200)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('recorded')
      expect(await sandboxIds('fullDisk')).toHaveLength(ids.length)
      await running.recorder.settle()
      const record = (await teamRecords(running.url)).find((item) => item.tag === 'fullDisk')
      expect(record).toMatchObject({ userIdCount: ids.length, listState: 'none', httpStatus: 200 })
      expect(warnings.join('\n')).toContain('"code":"ENOSPC"')
      // The console keeps serving.
      expect((await upload(running.url, 'afterFull', ['1'])).status).toBe(200)
      await running.app.close()
    })

    it('a full DATA_DIR while the database is away: FanPass gets the upload, the answer says not-recorded', async () => {
      const dataDir = tmpfs('1m')
      const running = await startConsole(dataDir, databaseAway)
      fill(dataDir)
      const answer = await upload(running.url, 'fullAndAway', ['1', '2'])
      expect(answer.status).toBe(200)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('not-recorded')
      expect(answer.headers.get(RECORD_ID_HEADER)).toBeNull()
      expect(await sandboxIds('fullAndAway')).toEqual(['1', '2'])
      expect((await upload(running.url, 'fullAndAway2', ['3'])).status).toBe(200)
      await running.app.close()
    })

    it('a read-only DATA_DIR while the database is away: FanPass gets the upload, the answer says not-recorded', async () => {
      const dataDir = tmpfs('4m')
      const running = await startConsole(dataDir, databaseAway)
      execFileSync('mount', ['-o', 'remount,ro', dataDir])
      const answer = await upload(running.url, 'readOnly', ['1', '2'])
      expect(answer.status).toBe(200)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('not-recorded')
      expect(await sandboxIds('readOnly')).toEqual(['1', '2'])
      expect(warnings.join('\n')).toContain('"code":"EROFS"')
      expect((await upload(running.url, 'readOnly2', ['3'])).status).toBe(200)
      await running.app.close()
    })
  },
)

describe('a removed DATA_DIR never stops an upload', () => {
  it('removed mid-run: with the database the upload is recorded without its list; without it, not-recorded', async () => {
    const dataDir = tempDir('fanpass-removed-')
    const withDatabase = await startConsole(dataDir)
    const away = await startConsole(dataDir, databaseAway)
    rmSync(dataDir, { recursive: true, force: true })

    const recorded = await upload(withDatabase.url, 'removedDir', ['1', '2'])
    expect(recorded.status).toBe(200)
    expect(recorded.headers.get(HISTORY_HEADER)).toBe('recorded')
    await withDatabase.recorder.settle()
    const record = (await teamRecords(withDatabase.url)).find((item) => item.tag === 'removedDir')
    expect(record?.listState).toBe('none')

    const notRecorded = await upload(away.url, 'removedDir2', ['3'])
    expect(notRecorded.status).toBe(200)
    expect(notRecorded.headers.get(HISTORY_HEADER)).toBe('not-recorded')
    expect(await sandboxIds('removedDir2')).toEqual(['3'])
    await withDatabase.app.close()
    await away.app.close()
  })
})

describe('pending records', () => {
  it('are written 0600, list and record, while the database is away', async () => {
    const dataDir = tempDir('fanpass-modes-')
    const running = await startConsole(dataDir, databaseAway)
    const answer = await upload(running.url, 'modes', fanIds(30_000))
    expect(answer.headers.get(HISTORY_HEADER)).toBe('pending')
    const pendingDir = join(dataDir, 'pending')
    const files = readdirSync(pendingDir)
    expect(files.map((name) => name.slice(-4)).sort()).toEqual(['.ids', 'json'])
    for (const name of files) expect(statSync(join(pendingDir, name)).mode & 0o777).toBe(0o600)
    await running.app.close()
  })

  it('one that cannot be read or that the database refuses never blocks the others: after 5 rounds it moves to dead-letter and History counts it', async () => {
    const dataDir = tempDir('fanpass-dead-letter-')
    const pendingDir = join(dataDir, 'pending')
    mkdirSync(pendingDir, { recursive: true })
    // Named to be read first, so they stand in front of the good record.
    const unreadable = '00000000-0000-4000-8000-000000000001'
    const refused = '00000000-0000-4000-8000-000000000002'
    const good = randomUUID()
    writeFileSync(join(pendingDir, `${unreadable}.json`), '{"record": {"id": ')
    // The scope Jane reads under, as this console writes it.
    const scouting = await startConsole(tempDir('fanpass-scope-'))
    await upload(scouting.url, 'scope', ['1'])
    const scope = (await teamRecords(scouting.url))[0]?.scope ?? ''
    await scouting.app.close()
    const record = (id: string, listState: string) => ({
      record: {
        id,
        scope,
        kind: 'segment',
        origin: 'console',
        createdAt: new Date().toISOString(),
        actorName: 'Jane Doe',
        actorSub: 'jane',
        fanpassHost: 'sandbox',
        tag: `drained-${listState}`,
        title: null,
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
        listState,
      },
      acceptedToken: null,
    })
    // The database's CHECK refuses this list state.
    writeFileSync(join(pendingDir, `${refused}.json`), JSON.stringify(record(refused, 'bogus')))
    writeFileSync(join(pendingDir, `${good}.json`), JSON.stringify(record(good, 'none')))

    const running = await startConsole(dataDir)
    const tags = (await teamRecords(running.url)).map((item) => item.tag)
    expect(tags).toContain('drained-none')
    for (let round = 1; round < DEAD_LETTER_AFTER_FAILURES; round++) {
      await running.recorder.drainPending()
    }
    expect(readdirSync(join(dataDir, 'dead-letter')).sort()).toEqual([
      `${unreadable}.json`,
      `${refused}.json`,
    ])
    expect(readdirSync(pendingDir)).toEqual([])
    expect(warnings.filter((line) => line.includes('moved to DATA_DIR/dead-letter'))).toHaveLength(
      2,
    )
    const count = await fetch(`${running.url}/console/history/dead-letter`, {
      headers: { authorization: `Bearer ${jane}` },
    })
    expect(await count.json()).toEqual({ count: 2 })
    await running.app.close()
  })
})

describe('what the history records', () => {
  it('dates a version when FanPass answered: of two overlapping uploads, the one FanPass applied last is the latest', async () => {
    const running = await startConsole(tempDir('fanpass-overlap-'))
    // The first upload starts, and its body's last bytes wait until the second one is done.
    const body = JSON.stringify({ title: 'First', tag: 'overlap', userIds: ['first'] })
    const first = new Promise<string | undefined>((resolve, reject) => {
      const request = http.request(`${running.url}/api/v1/segments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${jane}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      })
      request.on('response', (response) => {
        response.resume()
        resolve(response.headers[RECORD_ID_HEADER] as string | undefined)
      })
      request.on('error', reject)
      request.write(body.slice(0, 20))
      void (async () => {
        const second = await upload(running.url, 'overlap', ['second'])
        expect(second.status).toBe(200)
        request.end(body.slice(20))
      })()
    })
    const firstId = await first
    expect(await sandboxIds('overlap')).toEqual(['first'])
    await running.recorder.settle()
    const latest = await fetch(`${running.url}/console/history/tags/overlap/latest`, {
      headers: { authorization: `Bearer ${jane}` },
    })
    expect(((await latest.json()) as { record: HistoryRecord }).record.id).toBe(firstId)
    await running.app.close()
  })

  it('never records a request FanPass refused with 401 under the name its token claims, but counts it', async () => {
    const running = await startConsole(tempDir('fanpass-refused-'))
    const mallory = fakeJwt({ sub: 'mallory', name: 'Jane Doe', club: 'lions', exp: 1 })
    for (let index = 0; index < 3; index++) {
      const answer = await upload(running.url, 'claimed', ['1'], mallory)
      expect(answer.status).toBe(401)
      expect(answer.headers.get(HISTORY_HEADER)).toBe('not-recorded')
    }
    expect(running.recorder.refusedCount).toBe(3)
    expect((await teamRecords(running.url)).filter((item) => item.tag === 'claimed')).toEqual([])
    await running.app.close()
  })

  it('refuses a body naming "tag" or "userIds" twice before FanPass receives it whole, with a sentence naming the key', async () => {
    const running = await startConsole(tempDir('fanpass-duplicates-'))
    const before = await fetch(`${sandboxUrl}/__sandbox/requests`)
    const logged = ((await before.json()) as { requests: unknown[] }).requests.length
    const bodies = {
      tag: '{"title":"t","tag":"dupA","sourceType":0,"userIds":["1"],"tag":"dupB"}',
      // Large enough to cross several chunks before the second key comes.
      userIds: `{"title":"t","tag":"dupC","userIds":${JSON.stringify(fanIds(50_000))},"userIds":["x"]}`,
    }
    for (const [key, body] of Object.entries(bodies)) {
      const answer = await fetch(`${running.url}/api/v1/segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
        body,
      })
      expect(answer.status).toBe(400)
      const envelope = (await answer.json()) as { errors: string[] }
      expect(envelope.errors.join(' ')).toContain(`names "${key}" twice`)
    }
    for (const tag of ['dupA', 'dupB', 'dupC']) expect(await sandboxIds(tag)).toBeNull()
    const after = await fetch(`${sandboxUrl}/__sandbox/requests`)
    // The upstream request is cut before its last byte: the sandbox may log it as a broken
    // request, never as one it applied.
    const afterLog = ((await after.json()) as { requests: { status: number }[] }).requests
    expect(afterLog.slice(logged).filter((entry) => entry.status < 300)).toEqual([])
    await running.app.close()
  })
})

describe('a console that closes', () => {
  it('has written the record of an upload it refused before its close resolves, as a stop exits right after', async () => {
    const dataDir = tempDir('fanpass-close-refused-')
    const databaseDir = tempDir('fanpass-close-refused-db-')
    const own = openHistoryStore(databaseDir, undefined)
    const running = await startConsole(dataDir, own.get)
    const answer = await fetch(`${running.url}/api/v1/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
      body: '{"title":"t","tag":"refusedAtStop","sourceType":0,"userIds":["1"],"tag":"refusedAtStop"}',
    })
    expect(answer.status).toBe(400)
    // What a stop does (launch.ts): close the console (and so the recorder), then the
    // database, then exit; what is in the database or in pending/ by then is all that is kept.
    await running.app.close()
    await own.close()
    const pending = readdirSync(join(dataDir, 'pending'))
    const reopened = openHistoryStore(databaseDir, undefined)
    const next = await startConsole(tempDir('fanpass-close-refused-next-'), reopened.get)
    const records = await teamRecords(next.url)
    await next.app.close()
    await reopened.close()
    expect({ records: records.map((record) => record.tag), pending }).toEqual({
      records: ['refusedAtStop'],
      pending: [],
    })
  })
})

describe('a pending list cut short', () => {
  it("is marked lost once the database answers, never kept as the tag's list with fans missing", async () => {
    const dataDir = tempDir('fanpass-pending-cut-short-')
    const away = await startConsole(dataDir, databaseAway)
    const answer = await upload(away.url, 'pendingCutShort', fanIds(30_000))
    expect(answer.headers.get(HISTORY_HEADER)).toBe('pending')
    const recordId = answer.headers.get(RECORD_ID_HEADER) ?? ''
    await away.app.close()
    // What a machine that lost power leaves of a file the disk had not fully written: its start.
    const listPath = join(dataDir, 'pending', `${recordId}.ids`)
    truncateSync(listPath, Math.floor(statSync(listPath).size / 2))

    const running = await startConsole(dataDir)
    const record = (await teamRecords(running.url)).find((item) => item.id === recordId)
    expect(record).toMatchObject({ tag: 'pendingCutShort', userIdCount: 30_000, listState: 'lost' })
    expect(readdirSync(join(dataDir, 'pending'))).toEqual([])
    await running.app.close()
  })
})

describe('a start while an upload is being recorded', () => {
  it('leaves the list the console is storing now to that store: kept, and the check of what a stopped console left is not given up', async () => {
    const dataDir = tempDir('fanpass-start-live-')
    const own = openHistoryStore(tempDir('fanpass-start-live-db-'), undefined)
    // As launch.ts does: the embedded database opened, then listening, the recorder's start after.
    await own.get()
    const running = await startConsole(dataDir, own.get, false)
    const answer = await upload(running.url, 'liveAtStart', fanIds(400_000))
    expect(answer.headers.get(HISTORY_HEADER)).toBe('recorded')
    const before = warnings.length
    await running.recorder.start()
    await running.recorder.settle()
    expect(warnings.slice(before)).toEqual([])
    const record = (await teamRecords(running.url)).find((item) => item.tag === 'liveAtStart')
    expect(record?.listState).toBe('kept')
    await running.app.close()
    await own.close()
  }, 60_000)

  it('has folders for an upload answered before it, so one the database is too slow for waits in pending/', async () => {
    const dataDir = tempDir('fanpass-before-start-')
    const running = await startConsole(dataDir, databaseAway, false)
    const answer = await upload(running.url, 'beforeStart', fanIds(1_000))
    expect(answer.headers.get(HISTORY_HEADER)).toBe('pending')
    const recordId = answer.headers.get(RECORD_ID_HEADER) ?? ''
    expect(readdirSync(join(dataDir, 'pending')).sort()).toEqual([
      `${recordId}.ids`,
      `${recordId}.json`,
    ])
    await running.app.close()
  })
})
