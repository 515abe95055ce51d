// DATA_DIR/pending and DATA_DIR/dead-letter: a record (and its list) the database did not take
// in time waits in pending/, and is written once the database answers, exactly once; one that
// keeps failing on its own moves to dead-letter/ so it never holds back the records behind it.
// The recorder owns how a record and a list are written: it passes both in, so the drain writes
// a pending record exactly as a live one, and this module never imports the recorder.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { errorCode, exists } from './fs-helpers.ts'
import type { HistoryStore, NewHistoryRecord } from './history-store.ts'

/** A pending record that fails this many rounds (the database answering) moves to dead-letter/. */
export const DEAD_LETTER_AFTER_FAILURES = 5

/** A record as it waits in pending/: the record, and the grant FanPass's 2xx earned its token. */
export interface PendingRecord {
  record: NewHistoryRecord
  acceptedToken: {
    tokenSha256: string
    /** Absent in records spooled before grants named their host: those grant nothing. */
    fanpassHost?: string
    scope: string
    acceptedAt?: string
    expiresAt: string
  } | null
}

export interface PendingRecordsOptions {
  dataDir: string
  /** Resolves the store, or rejects while the database does not answer. */
  store: () => Promise<HistoryStore>
  warn: (fields: Record<string, unknown>, message: string) => void
  /** Writes a record and its token's grant: the recorder's own write. */
  writeRecord: (pending: PendingRecord) => Promise<void>
  /** Stores a list unless a stop cut its file short (interrupted-lists.ts storeWholeList). */
  storeWholeList: (
    store: HistoryStore,
    recordId: string,
    path: string,
    idCount: number | null,
  ) => Promise<void>
}

export class PendingRecords {
  /** DATA_DIR/pending, which the recorder creates with spool/ before the console listens. */
  readonly dir: string
  private readonly deadLetterDir: string
  private draining: Promise<void> = Promise.resolve()
  private readonly failures = new Map<string, number>()

  constructor(private readonly options: PendingRecordsOptions) {
    this.dir = join(options.dataDir, 'pending')
    this.deadLetterDir = join(options.dataDir, 'dead-letter')
  }

  /** The drain running now, or the last one: every drain is chained behind the one before. */
  get lastDrain(): Promise<void> {
    return this.draining
  }

  /** How many records wait in DATA_DIR/dead-letter because they could not be written. */
  async deadLetterCount(): Promise<number> {
    const names = await readdir(this.deadLetterDir).catch(() => [])
    return names.filter((name) => name.endsWith('.json')).length
  }

  /** Moves the record's list (if any) to pending/ and writes the record beside it. */
  async spool(pending: PendingRecord, listPath: string | null): Promise<void> {
    const base = join(this.dir, pending.record.id)
    if (listPath) {
      await rename(listPath, `${base}.ids`).catch((error: unknown) => {
        // The record still waits for the database; it says its list is not kept, not "storing".
        pending.record.listState = 'none'
        this.options.warn(
          { recordId: pending.record.id, code: errorCode(error) },
          'history list not kept: it could not be moved to DATA_DIR/pending',
        )
      })
    }
    // Written under a temporary name and renamed, so a crash never leaves half a record; 0600
    // because the record names who uploaded.
    await writeFile(`${base}.tmp`, JSON.stringify(pending), { mode: 0o600 })
    await rename(`${base}.tmp`, `${base}.json`)
  }

  /**
   * Writes what waits in DATA_DIR/pending; a record already written is skipped by its id. While
   * the database is away the round stops, also when it goes away in the middle of the round (a
   * record failed, and the database no longer answers a ping). A record that fails on its own
   * (unreadable, refused by a database that answers) is tried again next round and, after
   * DEAD_LETTER_AFTER_FAILURES rounds, moved to DATA_DIR/dead-letter, so it never holds back the
   * records behind it.
   */
  drain(): Promise<void> {
    this.draining = this.draining.then(async () => {
      let names: string[]
      try {
        names = (await readdir(this.dir)).filter((name) => name.endsWith('.json'))
      } catch {
        return
      }
      if (names.length === 0) return
      const store = await this.answeringStore()
      // The database is still away; the next round tries again.
      if (!store) return
      for (const name of names) {
        const id = name.slice(0, -'.json'.length)
        try {
          await this.writePendingRecord(store, join(this.dir, id))
          this.failures.delete(id)
        } catch (error) {
          // A database gone away in the middle of the round fails every record left in it:
          // counted, those would reach dead-letter/ after a few such rounds, healthy as they are.
          if (!(await this.answeringStore())) return
          await this.countFailure(id, error)
        }
      }
    })
    return this.draining
  }

  /** The store when the database answers a ping; null while it is away. */
  private async answeringStore(): Promise<HistoryStore | null> {
    try {
      const store = await this.options.store()
      await store.ping()
      return store
    } catch {
      return null
    }
  }

  private async writePendingRecord(store: HistoryStore, base: string): Promise<void> {
    const pending = JSON.parse(await readFile(`${base}.json`, 'utf8')) as PendingRecord
    await this.options.writeRecord(pending)
    if (pending.record.listState === 'storing') {
      await this.options.storeWholeList(
        store,
        pending.record.id,
        `${base}.ids`,
        pending.record.userIdCount,
      )
    }
    await rm(`${base}.ids`, { force: true })
    await rm(`${base}.json`, { force: true })
  }

  private async countFailure(id: string, error: unknown): Promise<void> {
    const failures = (this.failures.get(id) ?? 0) + 1
    this.failures.set(id, failures)
    if (failures < DEAD_LETTER_AFTER_FAILURES) return
    this.failures.delete(id)
    try {
      await mkdir(this.deadLetterDir, { recursive: true })
      for (const extension of ['.ids', '.json']) {
        const from = join(this.dir, `${id}${extension}`)
        if (await exists(from)) await rename(from, join(this.deadLetterDir, `${id}${extension}`))
      }
      this.options.warn(
        { recordId: id, failures, reason: errorReason(error) },
        'history record moved to DATA_DIR/dead-letter: it could not be written',
      )
    } catch (moveError) {
      this.options.warn(
        { recordId: id, code: errorCode(moveError) },
        'history record could not be moved to DATA_DIR/dead-letter',
      )
    }
  }
}

/** Why a pending record failed, without its content: its error's class and code. */
function errorReason(error: unknown): string {
  if (error instanceof SyntaxError) return 'the file is not a readable record'
  return errorCode(error) ?? (error instanceof Error ? error.name : 'unknown')
}
