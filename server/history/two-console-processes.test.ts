import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import { startPostgresCluster } from '../testing/postgres-cluster.ts'
import type { HistoryRecord } from './history-store.ts'

// Two console replicas as separate Node processes (as behind a load balancer), one PostgreSQL,
// one FanPass: 50 uploads at once through both, and each accepted one is recorded exactly once.

const ENTRY = fileURLToPath(new URL('../testing/console-process.ts', import.meta.url))
const cluster = await startPostgresCluster()
const dirs: string[] = []
const children: ChildProcess[] = []
let fanpass: FastifyInstance

const jane = fakeJwt({
  sub: 'jane',
  name: 'Jane Doe',
  club: 'lions',
  exp: Math.floor(Date.now() / 1000) + 3600,
})

/** Starts a console process forwarding to `fanpassUrl`; resolves with its address once it listens. */
function startConsoleProcess(fanpassUrl: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-replica-'))
  dirs.push(dataDir)
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FANPASS_API_URL: fanpassUrl,
      DATABASE_URL: cluster.url,
      DATA_DIR: dataDir,
      HISTORY_SCOPE_CLAIM: 'club',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const address = /FanPass Console on (http:\/\/\S+)/.exec(output)?.[1]
      if (address) resolve(address)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the console exited (${code}):\n${output}`)))
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  return exited
}

let replicas: string[]
beforeAll(async () => {
  fanpass = buildSandbox({ logger: false })
  const fanpassUrl = await listenOnLoopback(fanpass)
  replicas = await Promise.all([startConsoleProcess(fanpassUrl), startConsoleProcess(fanpassUrl)])
}, 60_000)

afterAll(async () => {
  await Promise.all(children.map(stop))
  await fanpass.close()
  cluster.destroy()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function teamRecords(replica: string): Promise<HistoryRecord[]> {
  const response = await fetch(`${replica}/console/history/records`, {
    headers: { authorization: `Bearer ${jane}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { records: HistoryRecord[] }).records
}

it('two console processes on one PostgreSQL record each of 50 concurrent uploads exactly once', async () => {
  const answers = await Promise.all(
    Array.from({ length: 50 }, async (_, index) => {
      const replica = replicas[index % 2] ?? ''
      const response = await fetch(`${replica}/api/v1/segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Load', tag: 'load', userIds: [`fan-${index}`] }),
      })
      return { status: response.status, history: response.headers.get('x-console-history') }
    }),
  )
  expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200))
  expect(answers.map((answer) => answer.history)).toEqual(Array(50).fill('recorded'))

  // Both replicas read the same team history; every list is stored (or pruned) by now or soon.
  await expect
    .poll(
      async () =>
        (await teamRecords(replicas[1] ?? '')).filter(
          (record) => record.tag === 'load' && record.listState === 'storing',
        ).length,
      { timeout: 20_000 },
    )
    .toBe(0)
  const loads = (await teamRecords(replicas[0] ?? '')).filter((record) => record.tag === 'load')
  expect(loads).toHaveLength(50)
  expect(new Set(loads.map((record) => record.bodySha256)).size).toBe(50)
  expect(loads.every((record) => record.actorName === 'Jane Doe')).toBe(true)
  expect(loads.filter((record) => record.listState === 'kept')).toHaveLength(10)
}, 60_000)
