import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BodyScanner } from './body-scanner.ts'
import { buildRecord } from './build-record.ts'
import type { HistoryStore, NewHistoryRecord } from './history-store.ts'
import { IdSpool } from './id-spool.ts'
import { spooledList } from './spool-blocks.ts'
import { historyScope, readCaller, type Caller } from './who.ts'

/** What the proxy tells a recording tap while one request streams through it. */
export interface ForwardObserver {
  chunk(chunk: Buffer): void
  /** FanPass answered; resolves with headers the console adds to the answer. */
  answered(status: number, bodyText: string | null): Promise<Record<string, string>>
  /** No answer from FanPass (unreachable, timeout, too large): recorded with the console's sentence. */
  failed(status: number, sentence: string): void
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
}

/** Told to the page in X-Console-History: 'recorded', or 'pending' while the database is away. */
export const HISTORY_HEADER = 'x-console-history'
export const RECORD_ID_HEADER = 'x-console-record-id'
// How long an answer may wait for the record to be written before it is spooled instead.
const WRITE_WAIT_MS = 2_500
const RETRY_EVERY_MS = 3_000
const SPOOL_LAG_LIMIT_BYTES = 32 * 1024 * 1024

interface PendingRecord {
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
 * answer, the record waits in DATA_DIR/pending and is written once it does, exactly once.
 */
export class HistoryRecorder {
  private readonly spoolDir: string
  private readonly pendingDir: string
  private readonly retryTimer: NodeJS.Timeout
  private draining: Promise<void> = Promise.resolve()
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(private readonly options: RecorderOptions) {
    this.spoolDir = join(options.dataDir, 'spool')
    this.pendingDir = join(options.dataDir, 'pending')
    this.retryTimer = setInterval(() => void this.drainPending(), RETRY_EVERY_MS)
    this.retryTimer.unref()
  }

  async start(): Promise<void> {
    await mkdir(this.spoolDir, { recursive: true })
    await mkdir(this.pendingDir, { recursive: true })
    void this.drainPending()
  }

  /** A tap for one forwarded FanPass request: its body is scanned, a segment's IDs spooled. */
  tap(
    path: '/api/v1/segments' | '/api/v1/update_user',
    authorization: string | undefined,
    jobId: string | undefined,
  ): ForwardObserver {
    const caller = readCaller(authorization, this.options.scopeClaim, new Date())
    const createdAt = new Date().toISOString()
    const id = randomUUID()
    const hash = createHash('sha256')
    const isSegment = path === '/api/v1/segments'
    const spool = new IdSpool(
      join(this.spoolDir, `${id}.ids`),
      this.options.spoolLagLimitBytes ?? SPOOL_LAG_LIMIT_BYTES,
      (spoolLagBytes) =>
        this.options.warn(
          { recordId: id, spoolLagBytes },
          'history list not kept: the disk fell behind the upload',
        ),
    )
    const scanner = new BodyScanner((userId) => {
      if (isSegment) spool.add(userId)
    })
    const facts = (status: number | null, bodyText: string | null, consoleErrors: string[]) => ({
      id,
      createdAt,
      isSegment,
      caller,
      scope: historyScope(this.options.historyHost, caller?.scope ?? ''),
      fanpassHost: this.options.fanpassHost,
      jobId,
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
        const recordFacts = facts(status, bodyText, [])
        const record = buildRecord(recordFacts)
        const hasList = await spool.close()
        const accepted = status >= 200 && status < 300
        const keepList =
          accepted &&
          isSegment &&
          recordFacts.scanned.complete &&
          hasList &&
          !spool.abandoned &&
          record.tag !== null
        if (keepList) record.listState = 'storing'
        else if (hasList) await spool.discard()
        const pending: PendingRecord = {
          record,
          acceptedToken:
            accepted && caller ? acceptedToken(caller, record, this.options.historyHost) : null,
        }
        const recorded = await this.writeNow(pending, keepList ? spool.path : null)
        return { [HISTORY_HEADER]: recorded ? 'recorded' : 'pending', [RECORD_ID_HEADER]: id }
      },
      failed: (status, sentence) => {
        const record = buildRecord(
          facts(null, null, [`${sentence} (the console answered ${status})`]),
        )
        void spool.close().then(async (hasList) => {
          if (hasList) await spool.discard()
          await this.writeNow({ record, acceptedToken: null }, null)
        })
      },
    }
  }

  /** Writes the record (and starts storing its list); on failure spools both. True when written. */
  private async writeNow(pending: PendingRecord, listPath: string | null): Promise<boolean> {
    try {
      await withTimeout(this.writeRecord(pending), WRITE_WAIT_MS)
    } catch (error) {
      this.options.warn(
        { recordId: pending.record.id, reason: String(error) },
        'history record spooled',
      )
      await this.spoolPending(pending, listPath)
      return false
    }
    if (listPath) this.track(this.storeList(pending, listPath))
    return true
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
      await this.spoolPending(pending, listPath)
    }
  }

  private async spoolPending(pending: PendingRecord, listPath: string | null): Promise<void> {
    const base = join(this.pendingDir, pending.record.id)
    if (listPath) await rename(listPath, `${base}.ids`).catch(() => undefined)
    // Written under a temporary name and renamed, so a crash never leaves half a record.
    await writeFile(`${base}.tmp`, JSON.stringify(pending))
    await rename(`${base}.tmp`, `${base}.json`)
  }

  /** Writes what waits in DATA_DIR/pending; a record already written is skipped by its id. */
  drainPending(): Promise<void> {
    this.draining = this.draining.then(async () => {
      let names: string[]
      try {
        names = (await readdir(this.pendingDir)).filter((name) => name.endsWith('.json'))
      } catch {
        return
      }
      for (const name of names) {
        const base = join(this.pendingDir, name.slice(0, -'.json'.length))
        try {
          const pending = JSON.parse(await readFile(`${base}.json`, 'utf8')) as PendingRecord
          await this.writeRecord(pending)
          if (pending.record.listState === 'storing') {
            const store = await this.options.store()
            await store.storeIdList(
              pending.record.id,
              spooledList(`${base}.ids`),
              this.options.keepLists,
            )
          }
          await rm(`${base}.ids`, { force: true })
          await rm(`${base}.json`, { force: true })
        } catch {
          // The database is still away; the next round tries again.
          return
        }
      }
    })
    return this.draining
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work)
    void work.finally(() => this.inFlight.delete(work))
  }

  /** Waits for lists being stored, so a test or a shutdown sees them. */
  async settle(): Promise<void> {
    await Promise.all([...this.inFlight])
    await this.draining
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
