// A console that records, over HTTP, for the history's tests: the sandbox as FanPass, the store a
// test gives (a real one, one whose database is away, one that fails when told to) and DATA_DIR
// wherever the test puts it; with what those tests upload and read back.
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { HistoryRecord, HistoryStore } from '../history/history-store.ts'
import { HistoryRecorder } from '../history/recorder.ts'
import { fakeJwt, listenOnLoopback } from './http-fixtures.ts'

/** Jane Doe of the lions, whose token holds for an hour. */
export const jane = fakeJwt({
  sub: 'jane',
  name: 'Jane Doe',
  club: 'lions',
  exp: Math.floor(Date.now() / 1000) + 3600,
})

/** A store getter while the database does not answer. */
export const databaseAway = () => Promise.reject(new Error('the database does not answer'))

/**
 * The store, but a call `fails` names rejects, as a database gone away or refusing would.
 * e.g. failingStore(store, (method) => method === 'ping') → a database that answers no ping
 */
export function failingStore(
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

export interface RecordingConsole {
  url: string
  recorder: HistoryRecorder
  app: FastifyInstance
}

export interface RecordingConsoleOptions {
  sandboxUrl: string
  dataDir: string
  store: () => Promise<HistoryStore>
  /** Each warning the recorder logs, as its sentence then its fields. */
  warnings: string[]
  /** False: the folders are made, the start (drain, interrupted lists) is left to the test. */
  startRecorder?: boolean
}

export async function startRecordingConsole({
  sandboxUrl,
  dataDir,
  store,
  warnings,
  startRecorder = true,
}: RecordingConsoleOptions): Promise<RecordingConsole> {
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

/** e.g. fanIds(2) → ['fan-0000000', 'fan-0000001'] */
export const fanIds = (count: number, prefix = 'fan') =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(7, '0')}`)

export function upload(base: string, tag: string, userIds: string[], token = jane) {
  return fetch(`${base}/api/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Title of ${tag}`, tag, sourceType: 0, userIds }),
  })
}

/** The records Jane's team reads on History. */
export async function teamRecords(base: string): Promise<HistoryRecord[]> {
  const response = await fetch(`${base}/console/history/records`, {
    headers: { authorization: `Bearer ${jane}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { records: HistoryRecord[] }).records
}
