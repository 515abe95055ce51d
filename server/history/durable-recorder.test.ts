import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import type { HistoryRecord, HistoryStore } from './history-store.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import type { PendingRecord } from './pending-records.ts'
import {
  DEAD_LETTER_AFTER_FAILURES,
  HISTORY_HEADER,
  HistoryRecorder,
  RECORD_ID_HEADER,
} from './recorder.ts'

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

const hour = () => Math.floor(Date.now() / 1000) + 3600
const jane = fakeJwt({ sub: 'jane', name: 'Jane Doe', club: 'lions', exp: hour() })
const databaseAway = () => Promise.reject(new Error('the database does not answer'))

/**
 * The store, but a call `fails` names rejects, as a database gone away or refusing would.
 * e.g. failingStore(store, (method) => method === 'ping') → a database that answers no ping
 */
function failingStore(
  store: HistoryStore,
  fails: (method: keyof HistoryStore, args: unknown[]) => boolean,
): HistoryStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property)
      if (typeof value !== 'function') return value
      return (...args: unknown[]): unknown =>
        fails(property as keyof HistoryStore, args)
          ? Promise.reject(new Error('the database does not answer'))
          : Reflect.apply(value, target, args)
    },
  })
}

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

interface RunningConsole {
  url: string
  recorder: HistoryRecorder
  app: FastifyInstance
}

async function startConsole(
  dataDir: string,
  store: () => Promise<HistoryStore> = database.get,
  startRecorder = true,
): Promise<RunningConsole> {
  const recorder = new HistoryRecorder({
    store,
    dataDir,
    keepLists: 10,
    scopeClaim: 'club',
    fanpassHost: 'sandbox',
    historyHost: 'sandbox',
    warn: (fields, message) => warnings.push(`${message} ${JSON.stringify(fields)}`),
  })
  // launch.ts makes the recorder's folders before listening and starts it after.
  await (startRecorder ? recorder.start() : recorder.createFolders())
  const app = buildConsoleServer({
    upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
    bodyLimitBytes: 64 * 1024 * 1024,
    upstreamTimeoutMs: 10_000,
    logger: false,
    history: { store, recorder, keepLists: 10, scopeClaim: 'club' },
  })
  app.addHook('onClose', () => recorder.close())
  return { url: await listenOnLoopback(app), recorder, app }
}

const fanIds = (count: number, prefix = 'fan') =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(7, '0')}`)

function upload(base: string, tag: string, userIds: string[], token = jane) {
  return fetch(`${base}/api/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Title of ${tag}`, tag, sourceType: 0, userIds }),
  })
}

async function sandboxIds(tag: string): Promise<string[] | null> {
  const response = await fetch(`${sandboxUrl}/__sandbox/segments/${tag}`)
  return response.ok ? ((await response.json()) as { userIds: string[] }).userIds : null
}

async function teamRecords(base: string): Promise<HistoryRecord[]> {
  const response = await fetch(`${base}/console/history/records`, {
    headers: { authorization: `Bearer ${jane}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { records: HistoryRecord[] }).records
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

  it('count a failure against a record only while the database answers: one that goes away in the middle of every round moves none to dead-letter', async () => {
    const dataDir = tempDir('fanpass-away-mid-round-')
    const away = await startConsole(dataDir, databaseAway)
    const tags = Array.from(
      { length: DEAD_LETTER_AFTER_FAILURES + 2 },
      (_, index) => `awayMidRound${index}`,
    )
    for (const tag of tags) {
      const answer = await upload(away.url, tag, fanIds(100, tag))
      expect(answer.headers.get(HISTORY_HEADER)).toBe('pending')
    }
    await away.app.close()
    // A database that takes one record of a round, then goes away until the next round.
    let isAway = true
    let recordsBeforeAway = 0
    const store = failingStore(await database.get(), (method) => {
      if (method === 'insertRecord' && recordsBeforeAway-- === 0) isAway = true
      return isAway
    })
    const running = await startConsole(dataDir, () => Promise.resolve(store))
    for (let round = 0; round < DEAD_LETTER_AFTER_FAILURES; round++) {
      isAway = false
      recordsBeforeAway = 1
      await running.recorder.drainPending()
    }
    isAway = false
    recordsBeforeAway = Infinity
    await running.recorder.drainPending()
    const written = (await teamRecords(running.url)).filter((item) => tags.includes(item.tag ?? ''))
    expect({
      lists: written.map((item) => item.listState),
      deadLetter: await running.recorder.deadLetterCount(),
      pending: readdirSync(join(dataDir, 'pending')),
    }).toEqual({ lists: tags.map(() => 'kept'), deadLetter: 0, pending: [] })
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

describe('the start-up check of what a stopped console left', () => {
  /**
   * What a console stopped while storing the lists of `tags` leaves: each record written (in
   * this order), 'storing', its list in spool/; and the spool file of an upload it never
   * recorded. Made from what a console whose database is away spools.
   */
  async function leftByAStop(dataDir: string, store: HistoryStore, tags: string[]) {
    const away = await startConsole(dataDir, databaseAway)
    const ids: string[] = []
    for (const tag of tags) {
      const answer = await upload(away.url, tag, fanIds(1_000, tag))
      ids.push(answer.headers.get(RECORD_ID_HEADER) ?? '')
    }
    await away.app.close()
    for (const id of ids) {
      const base = join(dataDir, 'pending', id)
      const pending = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as PendingRecord
      await store.insertRecord(pending.record)
      renameSync(`${base}.ids`, join(dataDir, 'spool', `${id}.ids`))
      rmSync(`${base}.json`)
    }
    const abandoned = join(dataDir, 'spool', `${randomUUID()}.ids`)
    writeFileSync(abandoned, fanIds(10).join('\n'))
    const beforeStart = new Date(Date.now() - 60_000)
    utimesSync(abandoned, beforeStart, beforeStart)
    return { ids, abandoned }
  }

  /** Starts a console on `store` and says what its start-up check did. */
  async function startCheck(dataDir: string, store: HistoryStore, abandoned: string) {
    const before = warnings.length
    const running = await startConsole(dataDir, () => Promise.resolve(store))
    const records = await teamRecords(running.url)
    await running.app.close()
    return {
      lists: Object.fromEntries(records.map((item) => [item.id, item.listState])),
      abandoned: existsSync(abandoned),
      warnings: warnings.slice(before),
    }
  }

  it('goes on past a list the database refuses: that one is logged and left for the next start, the next list is kept, an abandoned spool file removed', async () => {
    const dataDir = tempDir('fanpass-start-check-')
    const own = openHistoryStore(tempDir('fanpass-start-check-db-'), undefined)
    const store = await own.get()
    // Written first, so the database lists it first: the check used to stop in front of the rest.
    const { ids, abandoned } = await leftByAStop(dataDir, store, ['refusedAtStart', 'keptAtStart'])
    const [refusedId = '', keptId = ''] = ids
    const refusing = failingStore(
      store,
      (method, args) => method === 'storeIdList' && args[0] === refusedId,
    )
    expect(await startCheck(dataDir, refusing, abandoned)).toEqual({
      lists: { [refusedId]: 'storing', [keptId]: 'kept' },
      abandoned: false,
      warnings: [
        `history list left for the next start: it could not be stored or marked lost {"recordId":"${refusedId}"}`,
        'spool files of uploads cut off when the console stopped removed {"files":1}',
      ],
    })
    expect(existsSync(join(dataDir, 'spool', `${refusedId}.ids`))).toBe(true)
    await own.close()
  })

  it('stops at once when the database goes away: one warning, not one per list, and everything left for the next start', async () => {
    const dataDir = tempDir('fanpass-start-check-away-')
    const own = openHistoryStore(tempDir('fanpass-start-check-away-db-'), undefined)
    const store = await own.get()
    const { ids, abandoned } = await leftByAStop(dataDir, store, ['awayAtStart', 'awayAtStart2'])
    // It answered which lists were being stored, then went away.
    const goneAway = failingStore(store, (method) =>
      ['storeIdList', 'markListLost', 'ping'].includes(method),
    )
    expect(await startCheck(dataDir, goneAway, abandoned)).toEqual({
      lists: Object.fromEntries(ids.map((id) => [id, 'storing'])),
      abandoned: true,
      warnings: ['interrupted history lists not checked {}'],
    })
    await own.close()
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
