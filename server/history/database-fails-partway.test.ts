import { randomUUID } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useSandbox } from '../testing/api-calls.ts'
import {
  databaseAway,
  failingStore,
  fanIds,
  startRecordingConsole,
  teamRecords,
  upload,
} from '../testing/recording-console.ts'
import type { HistoryStore } from './history-store.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import type { PendingRecord } from './pending-records.ts'
import { DEAD_LETTER_AFTER_FAILURES, HISTORY_HEADER, RECORD_ID_HEADER } from './recorder.ts'

// The database that fails partway through the recorder's work: goes away in the middle of a
// drain of DATA_DIR/pending, or refuses one list of those a stopped console left. Neither may
// cost a healthy record (moved to dead-letter/) or the other lists (left unchecked). A real
// console over HTTP, the sandbox as FanPass, the embedded database wrapped so chosen calls fail.

const sandbox = useSandbox()
const dirs: string[] = []
const databases: HistoryStoreHandle[] = []
const warnings: string[] = []

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** An embedded database of the test's own, in a new folder. */
function ownDatabase(): Promise<HistoryStore> {
  const database = openHistoryStore(tempDir('fanpass-partway-db-'), undefined)
  databases.push(database)
  return database.get()
}

function startConsole(dataDir: string, store: () => Promise<HistoryStore>) {
  return startRecordingConsole({ sandboxUrl: sandbox.url, dataDir, store, warnings })
}

afterAll(async () => {
  for (const database of databases) await database.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('pending records', () => {
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
    const store = failingStore(await ownDatabase(), (method) => {
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
    const store = await ownDatabase()
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
  })

  it('stops at once when the database goes away: one warning, not one per list, and everything left for the next start', async () => {
    const dataDir = tempDir('fanpass-start-check-away-')
    const store = await ownDatabase()
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
  })
})
