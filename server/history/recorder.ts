import { createHash, randomUUID } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { BodyScanner } from './body-scanner.ts'
import { buildRecord } from './build-record.ts'
import { errorCode } from './fs-helpers.ts'
import type { HistoryStore, NewHistoryRecord } from './history-store.ts'
import { IdSpool, type SpoolTrouble } from './id-spool.ts'
import { finishInterruptedLists, storeWholeList } from './interrupted-lists.ts'
import { PendingRecords, type PendingRecord } from './pending-records.ts'
import { spooledList } from './spool-blocks.ts'
import { historyScope, readCaller, type Caller } from './who.ts'

export { DEAD_LETTER_AFTER_FAILURES } from './pending-records.ts'

/** What the proxy tells a recording tap while one request streams through it. */
export interface ForwardObserver {
  chunk(chunk: Buffer): void
  /** FanPass answered; resolves with headers the console adds to the answer. */
  answered(status: number, bodyText: string | null): Promise<Record<string, string>>
  /** No answer from FanPass (unreachable, timeout, too large): recorded with the console's sentence. */
  failed(status: number, sentence: string): void
  /**
   * Why the body must not reach FanPass, once the scan has seen enough to say; null while it is
   * fine. e.g. a segment naming "tag" twice → 'The upload names "tag" twice: …'.
   */
  refusal(): string | null
}

export interface RecorderOptions {
  /** Resolves the store, or rejects while the database does not answer. */
  store: () => Promise<HistoryStore>
  dataDir: string
  keepLists: number
  scopeClaim: string | undefined
  fanpassHost: string
  /** The history host records and grants are kept under (who.ts historyHost). */
  historyHost: string
  warn: (fields: Record<string, unknown>, message: string) => void
  /**
   * How far the ID spool may lag behind the upload, in bytes held in memory, before the list is
   * given up on (the record is still written). Default 32 MB: a disk that slow never holds
   * the upload back, and the console's memory stays bounded.
   */
  spoolLagLimitBytes?: number
  /** Whether the store is shared with other consoles (a PostgreSQL server), not embedded in DATA_DIR. */
  sharedStore?: boolean
}

/**
 * Told to the page in X-Console-History: 'recorded'; 'pending' while the database is away (the
 * record waits in DATA_DIR/pending); 'not-recorded' when neither the database nor DATA_DIR took it,
 * or FanPass refused the token. The upload itself went to FanPass either way.
 */
export const HISTORY_HEADER = 'x-console-history'
export const RECORD_ID_HEADER = 'x-console-record-id'
// How long an answer may wait for the record to be written before it is spooled instead.
const WRITE_WAIT_MS = 2_500
const RETRY_EVERY_MS = 3_000
const SPOOL_LAG_LIMIT_BYTES = 32 * 1024 * 1024

type HistoryState = 'recorded' | 'pending' | 'not-recorded'

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the database did not answer in time')), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

/**
 * Records every request the proxy forwards: the fields of the body as it streams by, the ID
 * list of a segment replace spooled to disk, FanPass's answer. When the database does not
 * answer, the record waits in DATA_DIR/pending and is written once it does, exactly once
 * (pending-records.ts); what a stopped console left is finished at start (interrupted-lists.ts).
 */
export class HistoryRecorder {
  private readonly spoolDir: string
  private readonly pending: PendingRecords
  private readonly retryTimer: NodeJS.Timeout
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly startedAt = new Date()
  private folders: Promise<void> | undefined
  private refused = 0

  constructor(private readonly options: RecorderOptions) {
    this.spoolDir = join(options.dataDir, 'spool')
    this.pending = new PendingRecords({
      ...options,
      writeRecord: (pending) => this.writeRecord(pending),
      storeWholeList: (store, recordId, path, idCount) =>
        storeWholeList(store, recordId, path, idCount, options),
    })
    this.retryTimer = setInterval(() => void this.drainPending(), RETRY_EVERY_MS)
    this.retryTimer.unref()
  }

  /**
   * Creates spool/ and pending/, once however often it is asked. launch.ts asks before the
   * console listens: an upload answered before start() would otherwise find no folder for its
   * list, nor for its record when the database is slow to answer, and go unrecorded. A DATA_DIR
   * that refuses is logged; forwarding starts regardless.
   */
  createFolders(): Promise<void> {
    this.folders ??= (async () => {
      try {
        await mkdir(this.spoolDir, { recursive: true })
        await mkdir(this.pending.dir, { recursive: true })
      } catch (error) {
        this.options.warn({ code: errorCode(error) }, 'history folders could not be created')
      }
    })()
    return this.folders
  }

  /**
   * Creates the folders, writes what waits in pending/ and finishes what a killed console left:
   * a list still 'storing' whose spool file survived is stored, one whose file is gone is marked
   * lost. A DATA_DIR or database that fails here is logged; forwarding starts regardless.
   */
  async start(): Promise<void> {
    await this.createFolders()
    await this.drainPending()
    await finishInterruptedLists({
      ...this.options,
      spoolDir: this.spoolDir,
      pendingDir: this.pending.dir,
      startedAt: this.startedAt,
    }).catch((error: unknown) =>
      this.options.warn({ code: errorCode(error) }, 'interrupted history lists not checked'),
    )
  }

  /** Requests FanPass refused with 401 since start: counted, never recorded as the team's history. */
  get refusedCount(): number {
    return this.refused
  }

  /** How many records wait in DATA_DIR/dead-letter because they could not be written. */
  deadLetterCount(): Promise<number> {
    return this.pending.deadLetterCount()
  }

  /** A tap for one forwarded FanPass request: its body is scanned, a segment's IDs spooled. */
  tap(
    path: '/api/v1/segments' | '/api/v1/update_user',
    authorization: string | undefined,
    jobId: string | undefined,
    batchId: string | undefined = undefined,
  ): ForwardObserver {
    const caller = readCaller(authorization, this.options.scopeClaim, new Date())
    const id = randomUUID()
    const hash = createHash('sha256')
    const isSegment = path === '/api/v1/segments'
    const spool = new IdSpool(
      join(this.spoolDir, `${id}.ids`),
      this.options.spoolLagLimitBytes ?? SPOOL_LAG_LIMIT_BYTES,
      (trouble: SpoolTrouble) =>
        this.options.warn(
          { recordId: id, ...trouble },
          trouble.kind === 'lagging'
            ? 'history list not kept: the disk fell behind the upload'
            : 'history list not kept: DATA_DIR refused to write it',
        ),
    )
    const scanner = new BodyScanner((userId) => {
      if (isSegment) spool.add(userId)
    })
    // When FanPass answered, not when the upload started: of two overlapping uploads of a tag,
    // the latest version is the one FanPass applied last.
    const facts = (status: number | null, bodyText: string | null, consoleErrors: string[]) => ({
      id,
      createdAt: new Date().toISOString(),
      isSegment,
      caller,
      scope: historyScope(this.options.historyHost, caller?.scope ?? ''),
      fanpassHost: this.options.fanpassHost,
      jobId,
      batchId,
      scanned: scanner.result(),
      bodySha256: hash.digest('hex'),
      status,
      bodyText,
      consoleErrors,
    })

    return {
      chunk: (chunk) => {
        hash.update(chunk)
        scanner.write(chunk)
      },
      answered: async (status, bodyText) => {
        try {
          if (status === 401) {
            // FanPass refused the token: whoever it names did not upload anything, and a stream
            // of such requests must not push the team's real uploads off History.
            this.refused++
            await spool.close()
            await spool.discard()
            return { [HISTORY_HEADER]: 'not-recorded' }
          }
          const recordFacts = facts(status, bodyText, [])
          const record = buildRecord(recordFacts)
          const hasList = await spool.close()
          const accepted = status >= 200 && status < 300
          const keepList =
            accepted &&
            isSegment &&
            recordFacts.scanned.complete &&
            !recordFacts.scanned.idCapped &&
            hasList &&
            record.tag !== null
          if (keepList) record.listState = 'storing'
          else await spool.discard()
          const pending: PendingRecord = {
            record,
            acceptedToken:
              accepted && caller ? acceptedToken(caller, record, this.options.historyHost) : null,
          }
          const state = await this.writeNow(pending, keepList ? spool.path : null)
          const headers: Record<string, string> = { [HISTORY_HEADER]: state }
          if (state !== 'not-recorded') headers[RECORD_ID_HEADER] = id
          return headers
        } catch (error) {
          // Whatever failed here, FanPass has answered: the marketer gets that answer.
          this.options.warn({ recordId: id, code: errorCode(error) }, 'history record not written')
          return { [HISTORY_HEADER]: 'not-recorded' }
        }
      },
      failed: (status, sentence) => {
        const record = buildRecord(
          facts(null, null, [`${sentence} (the console answered ${status})`]),
        )
        // Written after the console has answered, so nothing awaits it but close(): tracked, or
        // a stop would close the database (and exit) under it, and the record of an upload
        // FanPass may have applied (a timeout) would be in neither the database nor pending/.
        this.track(
          (async () => {
            await spool.close()
            await spool.discard()
            await this.writeNow({ record, acceptedToken: null }, null)
          })().catch((error: unknown) =>
            this.options.warn(
              { recordId: id, code: errorCode(error) },
              'history record not written',
            ),
          ),
        )
      },
      refusal: () => {
        const key = scanner.duplicateKeySoFar
        return key === null
          ? null
          : `The upload names "${key}" twice, so FanPass would apply only one of them and the history could not say which; it was not sent. Send each field once.`
      },
    }
  }

  /**
   * Writes the record (and starts storing its list); on failure spools both to pending/. Says
   * which happened: 'not-recorded' when DATA_DIR refused the spool too (full, read-only, gone).
   */
  private async writeNow(pending: PendingRecord, listPath: string | null): Promise<HistoryState> {
    try {
      await withTimeout(this.writeRecord(pending), WRITE_WAIT_MS)
    } catch (error) {
      this.options.warn(
        { recordId: pending.record.id, reason: String(error) },
        'history record spooled',
      )
      try {
        await this.pending.spool(pending, listPath)
        return 'pending'
      } catch (spoolError) {
        this.options.warn(
          { recordId: pending.record.id, code: errorCode(spoolError) },
          'history record not recorded: the database and DATA_DIR both refused it',
        )
        if (listPath) await rm(listPath, { force: true }).catch(() => undefined)
        return 'not-recorded'
      }
    }
    if (listPath) this.track(this.storeList(pending, listPath))
    return 'recorded'
  }

  private async writeRecord({ record, acceptedToken }: PendingRecord): Promise<void> {
    const store = await this.options.store()
    await store.insertRecord(record)
    if (acceptedToken?.fanpassHost) {
      await store.rememberToken({
        tokenSha256: acceptedToken.tokenSha256,
        fanpassHost: acceptedToken.fanpassHost,
        scope: acceptedToken.scope,
        acceptedAt: new Date(acceptedToken.acceptedAt ?? record.createdAt),
        expiresAt: new Date(acceptedToken.expiresAt),
      })
    }
  }

  private async storeList(pending: PendingRecord, listPath: string): Promise<void> {
    try {
      const store = await this.options.store()
      await store.storeIdList(pending.record.id, spooledList(listPath), this.options.keepLists)
      await rm(listPath, { force: true })
    } catch (error) {
      this.options.warn(
        { recordId: pending.record.id, reason: String(error) },
        'history list spooled',
      )
      await this.pending.spool(pending, listPath).catch((spoolError: unknown) => {
        // The record is written and says 'storing'; the next start marks its list lost.
        this.options.warn(
          { recordId: pending.record.id, code: errorCode(spoolError) },
          'history list not kept: DATA_DIR refused it',
        )
      })
    }
  }

  /**
   * Writes what waits in DATA_DIR/pending, after any drain still running (PendingRecords.drain):
   * at start, every RETRY_EVERY_MS, and when a test asks.
   */
  drainPending(): Promise<void> {
    return this.pending.drain()
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work)
    void work.finally(() => this.inFlight.delete(work))
  }

  /** Waits for lists being stored and records still being written, so a test or a shutdown sees them. */
  async settle(): Promise<void> {
    await Promise.all([...this.inFlight])
    await this.pending.lastDrain
  }

  async close(): Promise<void> {
    clearInterval(this.retryTimer)
    await this.settle()
  }
}

function acceptedToken(
  caller: Caller,
  record: NewHistoryRecord,
  fanpassHost: string,
): PendingRecord['acceptedToken'] {
  return {
    tokenSha256: caller.tokenSha256,
    fanpassHost,
    scope: record.scope,
    acceptedAt: record.createdAt,
    expiresAt: caller.expiresAt.toISOString(),
  }
}
