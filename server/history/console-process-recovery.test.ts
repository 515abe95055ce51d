import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import { closedPort, fakeJwt, listenOnLoopback } from '../testing/http-fixtures.ts'
import type { HistoryRecord } from './history-store.ts'

// The console as its own process (server/testing/console-process.ts, launched as main.ts does):
// a disk error does not kill it, and a SIGKILL right after FanPass accepted a list leaves
// nothing "still being stored" for ever.

const ENTRY = fileURLToPath(new URL('../testing/console-process.ts', import.meta.url))
const dirs: string[] = []
const children: ChildProcess[] = []
let fanpass: FastifyInstance
let fanpassUrl: string

const jane = fakeJwt({
  sub: 'jane',
  name: 'Jane Doe',
  club: 'lions',
  exp: Math.floor(Date.now() / 1000) + 3600,
})

interface ConsoleProcess {
  url: string
  child: ChildProcess
  output: () => string
}

function startConsoleProcess(env: Record<string, string>): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FANPASS_API_URL: fanpassUrl,
      HISTORY_SCOPE_CLAIM: 'club',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /FanPass Console on (http:\/\/\S+)/.exec(output)?.[1]
      if (url) resolve({ url, child, output: () => output })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the console exited (${code}):\n${output}`)))
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

function upload(base: string, tag: string, userIds: string[]) {
  return fetch(`${base}/api/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Title of ${tag}`, tag, sourceType: 0, userIds }),
  })
}

async function record(base: string, id: string): Promise<HistoryRecord> {
  const response = await fetch(`${base}/console/history/records/${id}`, {
    headers: { authorization: `Bearer ${jane}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { record: HistoryRecord }).record
}

/** Uploads a list large enough to take seconds to store, and kills the console the moment FanPass's answer arrives. */
async function uploadAndKill(running: ConsoleProcess, tag: string): Promise<string> {
  const ids = Array.from({ length: 400_000 }, (_, index) => `${tag}-${index}`)
  const answer = await upload(running.url, tag, ids)
  running.child.kill('SIGKILL')
  expect(answer.status).toBe(200)
  expect(answer.headers.get('x-console-history')).toBe('recorded')
  await exited(running.child)
  return answer.headers.get('x-console-record-id') ?? ''
}

beforeAll(async () => {
  fanpass = buildSandbox({ logger: false })
  fanpassUrl = await listenOnLoopback(fanpass)
})

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  await Promise.all(children.map(exited))
  await fanpass.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

it('a console whose DATA_DIR is removed while its database is away forwards the upload, says not-recorded, and keeps serving', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-removed-process-'))
  dirs.push(dataDir)
  const running = await startConsoleProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`,
  })
  rmSync(dataDir, { recursive: true, force: true })
  const answer = await upload(running.url, 'removedUnderProcess', ['1', '2', '3'])
  expect(answer.status).toBe(200)
  expect(answer.headers.get('x-console-history')).toBe('not-recorded')
  const applied = await fetch(`${fanpassUrl}/__sandbox/segments/removedUnderProcess`)
  expect(((await applied.json()) as { userIds: string[] }).userIds).toEqual(['1', '2', '3'])
  // Still up: it answers the next request.
  expect((await fetch(`${running.url}/console/config`)).status).toBe(200)
  expect(running.child.exitCode).toBeNull()
  running.child.kill('SIGTERM')
  await exited(running.child)
}, 60_000)

it('after a SIGKILL, the next start keeps a list whose spool survived and marks lost one whose spool is gone', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-killed-'))
  dirs.push(dataDir)
  const env = { DATA_DIR: dataDir }

  const first = await startConsoleProcess(env)
  const survived = await uploadAndKill(first, 'survived')
  // The list was still being stored when the process died: its spool file is all that is left.
  expect(existsSync(join(dataDir, 'spool', `${survived}.ids`))).toBe(true)

  const second = await startConsoleProcess(env)
  await expect
    .poll(async () => (await record(second.url, survived)).listState, { timeout: 90_000 })
    .toBe('kept')
  const ids = await fetch(`${second.url}/console/history/records/${survived}/ids`, {
    headers: { authorization: `Bearer ${jane}` },
  })
  expect(((await ids.json()) as string[]).length).toBe(400_000)

  const lost = await uploadAndKill(second, 'lostOnKill')
  rmSync(join(dataDir, 'spool', `${lost}.ids`))
  const third = await startConsoleProcess(env)
  await expect
    .poll(async () => (await record(third.url, lost)).listState, { timeout: 90_000 })
    .toBe('lost')
  expect(third.output()).toContain('history list lost when the console stopped')
  third.child.kill('SIGTERM')
  await exited(third.child)
}, 240_000)

it('after a SIGKILL in the middle of an upload, the next start removes the spool file no record will claim', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-killed-mid-upload-'))
  dirs.push(dataDir)
  const env = { DATA_DIR: dataDir }
  const first = await startConsoleProcess(env)
  const spoolDir = join(dataDir, 'spool')

  // A list still streaming in: FanPass has not answered, the console is spooling its IDs.
  const request = http.request(`${first.url}/api/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
  })
  request.on('error', () => undefined)
  request.write('{"title":"Cut off","tag":"cutOff","sourceType":0,"userIds":[')
  request.write(Array.from({ length: 20_000 }, (_, index) => `"cut-${index}"`).join(',') + ',')
  await expect.poll(() => readdirSync(spoolDir).length, { timeout: 20_000 }).toBe(1)
  first.child.kill('SIGKILL')
  await exited(first.child)
  request.destroy()

  // The address is printed once the start has finished what the last run left.
  const second = await startConsoleProcess(env)
  expect(readdirSync(spoolDir)).toEqual([])
  second.child.kill('SIGTERM')
  await exited(second.child)
}, 120_000)

it('after a stop that cut a stored spool file short, the next start marks the list lost rather than keep half of it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-killed-cut-short-'))
  dirs.push(dataDir)
  const env = { DATA_DIR: dataDir }
  const first = await startConsoleProcess(env)
  const cutShort = await uploadAndKill(first, 'cutShort')
  // What a machine that lost power leaves of a file the disk had not fully written: its start.
  const spoolPath = join(dataDir, 'spool', `${cutShort}.ids`)
  truncateSync(spoolPath, Math.floor(statSync(spoolPath).size / 2))

  const second = await startConsoleProcess(env)
  await expect
    .poll(async () => (await record(second.url, cutShort)).listState, { timeout: 90_000 })
    .toBe('lost')
  expect(second.output()).toContain('its spool file was cut short')
  second.child.kill('SIGTERM')
  await exited(second.child)
}, 240_000)
