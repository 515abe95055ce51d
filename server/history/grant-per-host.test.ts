import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from '../app.ts'
import type { UpstreamTarget } from '../config.ts'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import { startSigningFanpass, type SigningFanpass } from '../testing/signing-fanpass.ts'
import type { HistoryRecord } from './history-store.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import { HistoryRecorder } from './recorder.ts'
import { TOKEN_SENTENCES } from './token-check.ts'
import { CALLER_SENTENCES, historyHost } from './who.ts'

// Two consoles on one database: one in front of the sandbox (which accepts any well-formed
// JWT, alg none included), one in front of a FanPass that checks signatures.

const dir = mkdtempSync(join(tmpdir(), 'fanpass-grants-'))
let handle: HistoryStoreHandle
let sandbox: FastifyInstance
let fanpass: SigningFanpass
const consoles: { app: FastifyInstance; recorder: HistoryRecorder }[] = []
let sandboxConsole: string
let realConsole: string

async function startConsole(upstream: { url: URL; target: UpstreamTarget }, name: string) {
  const recorder = new HistoryRecorder({
    store: handle.get,
    dataDir: join(dir, name),
    keepLists: 10,
    scopeClaim: undefined,
    fanpassHost: upstream.url.host,
    historyHost: historyHost(upstream),
    warn: () => undefined,
  })
  await recorder.start()
  const app = buildConsoleServer({
    upstream,
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 10_000,
    logger: false,
    history: { store: handle.get, recorder, keepLists: 10, scopeClaim: undefined },
  })
  consoles.push({ app, recorder })
  return listenOnLoopback(app)
}

beforeAll(async () => {
  handle = openHistoryStore(dir, undefined)
  await handle.get()
  sandbox = buildSandbox({ logger: false })
  fanpass = await startSigningFanpass()
  sandboxConsole = await startConsole(
    { url: new URL(await listenOnLoopback(sandbox)), target: 'sandbox' },
    'sandbox-console',
  )
  realConsole = await startConsole({ url: new URL(fanpass.url), target: 'custom' }, 'real-console')
}, 180_000)
afterAll(async () => {
  for (const { app } of consoles) await app.close()
  await sandbox.close()
  await fanpass.close()
  await handle.close()
  rmSync(dir, { recursive: true, force: true })
})

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

function upload(base: string, token: string, tag: string) {
  return fetch(`${base}/api/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: tag, tag, sourceType: 0, notes: '', userIds: ['1', '2'] }),
  })
}

async function records(base: string, token: string) {
  const response = await fetch(`${base}/console/history/records`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const body = (await response.json()) as { records?: HistoryRecord[]; errors?: string[] }
  return { status: response.status, tags: body.records?.map((r) => r.tag), body }
}

describe('a history grant across FanPass hosts on one database', () => {
  it("lets a token the sandbox accepted (alg none) read the sandbox's history only, never the real host's", async () => {
    const unsigned = fakeJwt({ sub: 'mallory', exp: inAnHour() }, { alg: 'none', typ: 'JWT' })
    const signed = fanpass.sign({ sub: 'jane', name: 'Jane Doe', exp: inAnHour() })
    expect((await upload(realConsole, signed, 'realRenewals')).status).toBe(200)
    expect((await upload(sandboxConsole, unsigned, 'sandboxTrial')).status).toBe(200)
    for (const { recorder } of consoles) await recorder.settle()

    expect((await records(sandboxConsole, unsigned)).tags).toEqual(['sandboxTrial'])
    expect(await records(realConsole, unsigned)).toMatchObject({
      status: 401,
      body: { errors: [TOKEN_SENTENCES.refused] },
    })
    expect((await records(realConsole, signed)).tags).toEqual(['realRenewals'])
  })

  it('keeps serving after an upload and a read with a token whose exp is 1e13', async () => {
    const absurd = fakeJwt({ sub: 'jane', exp: 1e13 })
    const answer = await upload(sandboxConsole, absurd, 'farFuture')
    expect(answer.status).toBe(200)
    for (const { recorder } of consoles) await recorder.settle()
    expect(await records(sandboxConsole, absurd)).toMatchObject({
      status: 401,
      body: { errors: [CALLER_SENTENCES.absurdExp] },
    })
    const config = await fetch(`${sandboxConsole}/console/config`)
    expect(config.status).toBe(200)
  })
})
