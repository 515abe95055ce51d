import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import { listenOnLoopback, validSandboxJwt } from '../testing/http-fixtures.ts'
import { quietRecorder } from '../testing/quiet-recorder.ts'
import type { HistoryStore } from './history-store.ts'
import type { HistoryRecorder } from './recorder.ts'

// A FanPass (or a proxy in front of it) may answer, e.g. refuse the token, as soon as it has the
// headers, while the browser is still sending the list: what the console reads after that
// answer must leave nothing behind in DATA_DIR/spool, which SPOOL_BUDGET_BYTES counts.

const store = {
  insertRecord: async () => true,
  rememberToken: async () => undefined,
  ping: async () => undefined,
} as Partial<HistoryStore> as HistoryStore

let fanpass: http.Server
let app: FastifyInstance
let recorder: HistoryRecorder
let consolePort: number
let dataDir: string

beforeAll(async () => {
  // Answers 401 at the headers; Node then reads and drops the body the console goes on sending.
  fanpass = http.createServer((_request, res) => {
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end('{"status":401,"correlationId":"c","messages":[],"errors":["Unauthorized"]}')
  })
  await new Promise<void>((resolve) => fanpass.listen(0, '127.0.0.1', resolve))
  const fanpassPort = (fanpass.address() as AddressInfo).port
  dataDir = mkdtempSync(join(tmpdir(), 'fanpass-early-answer-'))
  recorder = quietRecorder(store, dataDir)
  await recorder.start()
  app = buildConsoleServer({
    upstream: { url: new URL(`http://127.0.0.1:${fanpassPort}`), target: 'custom' },
    bodyLimitBytes: 16 * 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
    history: { store: async () => store, recorder, keepLists: 10, scopeClaim: undefined },
    // The console reads no more of a body FanPass stopped taking: its connection is cut once
    // idle, here within a second, rather than after the default minute.
    operations: { dataDir, bodyIdleTimeoutMs: 1_000, minBodyBytesPerSecond: 0 },
  })
  consolePort = Number(new URL(await listenOnLoopback(app)).port)
})

afterAll(async () => {
  await app.close()
  await recorder.close()
  fanpass.closeAllConnections()
  await new Promise((resolve) => fanpass.close(resolve))
  rmSync(dataDir, { recursive: true, force: true })
})

/** Sends the segment's fields, waits for the console's answer, then sends `ids`; resolves with the status. */
function uploadAnsweredEarly(ids: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port: consolePort,
      method: 'POST',
      path: '/api/v1/segments',
      // Kept alive, as a browser's is: a server closes a 'Connection: close' one once it has
      // answered, and reads no more of its body.
      agent: new http.Agent({ keepAlive: true }),
      headers: {
        authorization: `Bearer ${validSandboxJwt()}`,
        'content-type': 'application/json',
      },
    })
    request.on('error', reject)
    request.on('response', (response) => {
      response.resume()
      request.end(`"userIds":${JSON.stringify(ids)}}`, () => resolve(response.statusCode ?? 0))
    })
    // Two pieces: the console holds a body's latest piece back until the next one arrives.
    request.write('{"tag":"early","title":"Early","sourceType":0,')
    void sleep(50).then(() => request.write(' '.repeat(1024)))
  })
}

describe('an upload FanPass answers before it has the list', () => {
  it('leaves no spool file behind, however many IDs follow the answer', async () => {
    const ids = Array.from(
      { length: 50_000 },
      (_, index) => `fan-${String(index).padStart(7, '0')}`,
    )
    expect(await uploadAnsweredEarly(ids)).toBe(401)
    // Long enough for the console to read what follows the answer and for any file to be opened.
    await sleep(500)
    await recorder.settle()
    expect(readdirSync(join(dataDir, 'spool'))).toEqual([])
  }, 15_000)
})
