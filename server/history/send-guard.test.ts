import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  COMPARED_RECORD_HEADER,
  COMPARED_TAG_HEADER,
  NO_COMPARED_RECORD,
  sendConflictAnswerSchema,
} from '../../contracts/history.ts'
import { buildConsoleServer } from '../app.ts'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import { openHistoryStore, type HistoryStoreHandle } from './open-history.ts'
import { RECORD_ID_HEADER, HistoryRecorder } from './recorder.ts'
import { historyScope, SANDBOX_HISTORY_HOST } from './who.ts'

// Two marketers on one tag: two consoles on one database (two apps over one store), forwarding
// to the sandbox, whose request log says what FanPass received.

const hour = () => Math.floor(Date.now() / 1000) + 3600
const jo = fakeJwt({ sub: 'jo', name: 'Jo Park', club: 'lions', exp: hour() })
const sam = fakeJwt({ sub: 'sam', name: 'Sam Roe', club: 'lions', exp: hour() })

let dataDir: string
let handle: HistoryStoreHandle
let sandbox: FastifyInstance
let sandboxUrl: URL
const consoles: { url: string; app: FastifyInstance; recorder: HistoryRecorder }[] = []

async function startConsole() {
  const recorder = new HistoryRecorder({
    store: handle.get,
    dataDir,
    keepLists: 10,
    scopeClaim: 'club',
    fanpassHost: 'sandbox',
    historyHost: SANDBOX_HISTORY_HOST,
    warn: () => undefined,
  })
  await recorder.start()
  const app = buildConsoleServer({
    upstream: { url: sandboxUrl, target: 'sandbox' },
    bodyLimitBytes: 8 * 1024 * 1024,
    upstreamTimeoutMs: 10_000,
    logger: false,
    history: { store: handle.get, recorder, keepLists: 10, scopeClaim: 'club' },
  })
  const url = await listenOnLoopback(app)
  consoles.push({ url, app, recorder })
  return url
}

function send(base: string, token: string, tag: string, userIds: string[], compared?: string) {
  return fetch(`${base}/api/v1/segments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(compared === undefined
        ? {}
        : { [COMPARED_RECORD_HEADER]: compared, [COMPARED_TAG_HEADER]: encodeURIComponent(tag) }),
    },
    body: JSON.stringify({ title: tag, tag, sourceType: 0, notes: '', userIds }),
  })
}

async function segmentsReceived(): Promise<number> {
  const response = await fetch(new URL('/__sandbox/requests', sandboxUrl))
  const { requests } = (await response.json()) as { requests: { path: string }[] }
  return requests.filter((entry) => entry.path === '/api/v1/segments').length
}

async function sandboxList(tag: string): Promise<string[] | null> {
  const response = await fetch(new URL(`/__sandbox/segments/${tag}`, sandboxUrl))
  return response.ok ? ((await response.json()) as { userIds: string[] }).userIds : null
}

let joConsole: string
let samConsole: string
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fanpass-guard-'))
  handle = openHistoryStore(dataDir, undefined)
  // Opening the embedded database and migrating it takes seconds on a busy machine.
  await handle.get()
  sandbox = buildSandbox({ logger: false })
  sandboxUrl = new URL(await listenOnLoopback(sandbox))
  joConsole = await startConsole()
  samConsole = await startConsole()
}, 120_000)
afterAll(async () => {
  for (const running of consoles) {
    await running.app.close()
    await running.recorder.close()
  }
  await handle.close()
  await sandbox.close()
  rmSync(dataDir, { recursive: true, force: true })
})
beforeEach(async () => {
  await fetch(new URL('/__sandbox/reset', sandboxUrl), { method: 'POST' })
})

/** Sam's accepted upload of `tag`, through Sam's console (with curl: unchecked); its record id. */
async function samReplaces(tag: string, userIds: string[]): Promise<string> {
  const answer = await send(samConsole, sam, tag, userIds)
  expect(answer.status).toBe(200)
  return answer.headers.get(RECORD_ID_HEADER) ?? ''
}

describe('two marketers on one tag', () => {
  it('forwards exactly one of two concurrent sends compared against the same version; the other gets 409', async () => {
    const version7 = await samReplaces('renewals', ['1', '2'])
    // The first send stalls in FanPass, so the second arrives while it is in flight.
    await fetch(new URL('/__sandbox/faults', sandboxUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 300, path: '/api/v1/segments' }),
    })
    const before = await segmentsReceived()
    const answers = await Promise.all([
      send(joConsole, jo, 'renewals', ['3'], version7),
      send(samConsole, sam, 'renewals', ['4'], version7),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect(await segmentsReceived()).toBe(before + 1)
    const refused = answers.find((answer) => answer.status === 409)
    const body = sendConflictAnswerSchema.parse(await refused?.json())
    expect(body.conflict).toBe('in-flight')
    expect(body.sentence).toMatch(/is replacing this tag right now/)

    // Once the first is accepted, a send compared against version 7 is stale.
    const late = await send(joConsole, jo, 'renewals', ['5'], version7)
    expect(late.status).toBe(409)
    expect(sendConflictAnswerSchema.parse(await late.json()).conflict).toBe('newer-version')
  })

  it('answers 409 with the newer record before forwarding a send compared against an older version', async () => {
    const seen = await samReplaces('vip', ['1', '2', '3'])
    const newer = await samReplaces('vip', ['1', '2', '3', '4'])
    const received = await segmentsReceived()

    const answer = await send(joConsole, jo, 'vip', ['9'], seen)

    expect(answer.status).toBe(409)
    const body = sendConflictAnswerSchema.parse(await answer.json())
    expect(body).toMatchObject({
      conflict: 'newer-version',
      actorName: 'Sam Roe',
      record: { id: newer, userIdCount: 4, actorName: 'Sam Roe' },
    })
    expect(body.sentence).toMatch(/^Sam Roe replaced this tag at .*now 4 IDs/)
    expect(await segmentsReceived()).toBe(received)
    expect(await sandboxList('vip')).toEqual(['1', '2', '3', '4'])
  })

  it('refuses a send compared against "none" once the tag has a version', async () => {
    await samReplaces('fresh', ['1'])
    const answer = await send(joConsole, jo, 'fresh', ['2'], NO_COMPARED_RECORD)
    expect(answer.status).toBe(409)
    expect(await sandboxList('fresh')).toEqual(['1'])
  })

  it('forwards a send compared against the latest version, and one without the header', async () => {
    const latest = await samReplaces('gold', ['1'])
    expect((await send(joConsole, jo, 'gold', ['2'], latest)).status).toBe(200)
    expect(await sandboxList('gold')).toEqual(['2'])
    // curl or Postman through the console: no compared version, forwarded as before.
    expect((await send(joConsole, jo, 'gold', ['3'])).status).toBe(200)
    expect(await sandboxList('gold')).toEqual(['3'])
  })

  it('takes over the claim of a console killed mid-send once it is stale', async () => {
    const store = await handle.get()
    const scope = historyScope(SANDBOX_HISTORY_HOST, 's:lions')
    const claim = { scope, tag: 'silver', claimId: randomUUID(), actorName: 'Sam Roe' }
    expect(await store.claimTag(claim, 60_000)).toEqual({ taken: true })
    const blocked = await send(joConsole, jo, 'silver', ['1'], NO_COMPARED_RECORD)
    expect(blocked.status).toBe(409)
    expect(sendConflictAnswerSchema.parse(await blocked.json()).sentence).toMatch(
      /^Sam Roe is replacing this tag right now/,
    )

    // The same claim, left by a console that never came back: its lifetime has passed.
    await store.releaseTagClaim(claim.claimId)
    expect(await store.claimTag({ ...claim, claimId: randomUUID() }, 1)).toEqual({ taken: true })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await send(joConsole, jo, 'silver', ['1'], NO_COMPARED_RECORD)).status).toBe(200)
    expect(await sandboxList('silver')).toEqual(['1'])
  })
})
