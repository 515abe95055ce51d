import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startConsoleChild, type ConsoleChild } from './testing/console-child.ts'
import { fakeJwt, startRecordingServer, type RecordingServer } from './testing/http-fixtures.ts'

// SIGTERM (a deploy, `docker stop`) while a marketer's upload waits on FanPass: the console
// stops taking connections, lets the upload finish, keeps its record and list, and exits 0.
// The browser's keep-alive connection is held open, as a browser holds it.

const ANSWER_AFTER_MS = 2_000
const jane = fakeJwt({ sub: 'jane', name: 'Jane Doe', exp: Math.floor(Date.now() / 1000) + 3600 })
const dirs: string[] = []
const children: ConsoleChild[] = []
let fanpass: RecordingServer

beforeAll(async () => {
  // A FanPass that takes its time: it answers each request ~2 s after the whole body arrived.
  fanpass = await startRecordingServer((request, res) => {
    if (request.url.startsWith('/never/')) return
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          status: 200,
          correlationId: 'corr-slow',
          messages: ['Segment lateFans queued 3 for import'],
          errors: [],
        }),
      )
    }, ANSWER_AFTER_MS)
  })
})

afterAll(async () => {
  for (const { child, exited } of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  }
  await fanpass.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function start(dataDir: string, fanpassUrl = fanpass.url) {
  const started = startConsoleChild({ DATA_DIR: dataDir, FANPASS_API_URL: fanpassUrl })
  children.push(started)
  return started
}

// Kept open for as long as the server allows, as a browser keeps it.
const browserAgent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60_000 })

/** A request over the browser-like agent; resolves with the status, headers and body. */
function send(url: string, init: { method?: string; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const request = http.request(
        url,
        {
          method: init.method ?? 'GET',
          agent: browserAgent,
          headers: { authorization: `Bearer ${jane}`, 'content-type': 'application/json' },
        },
        (response) => {
          let body = ''
          response.on('data', (chunk: Buffer) => (body += chunk.toString()))
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          )
          response.on('error', reject)
        },
      )
      request.on('error', reject)
      request.end(init.body)
    },
  )
}

/** Whether a new TCP connection to the console's port is refused. */
function refusesConnections(address: string): Promise<boolean> {
  const { hostname, port } = new URL(address)
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname)
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

const waitForFanpassToHaveIt = (count: number) =>
  expect
    .poll(() => fanpass.requests.filter((request) => request.complete).length, {
      timeout: 20_000,
    })
    .toBe(count)

it('SIGTERM lets an upload waiting on FanPass finish, keeps its list, and exits 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-stop-'))
  dirs.push(dataDir)
  const first = start(dataDir)
  const address = await first.listening
  // The page's first request opens the keep-alive connection the upload then reuses.
  expect((await send(`${address}/console/config`)).status).toBe(200)

  const upload = send(`${address}/api/v1/segments`, {
    method: 'POST',
    body: JSON.stringify({ title: 'Late fans', tag: 'lateFans', userIds: ['7', '11', '305'] }),
  })
  await waitForFanpassToHaveIt(1)
  first.child.kill('SIGTERM')
  await expect.poll(() => refusesConnections(address), { timeout: 5_000 }).toBe(true)

  const answer = await upload
  expect(answer.status).toBe(200)
  expect(answer.headers['x-console-history']).toBe('recorded')
  expect(JSON.parse(answer.body)).toMatchObject({
    messages: ['Segment lateFans queued 3 for import'],
  })
  const stoppedAt = Date.now()
  expect(await first.exited).toEqual({ code: 0, signal: null })
  // Closed once the upload was answered, not when the browser's idle connection timed out.
  expect(Date.now() - stoppedAt).toBeLessThan(8_000)
  expect(first.output()).toContain('stopping: waiting up to')
  expect(existsSync(join(dataDir, 'console.lock'))).toBe(false)

  // The next start has the record and its list, nothing left waiting in DATA_DIR.
  const next = start(dataDir)
  const nextAddress = await next.listening
  const records = JSON.parse((await send(`${nextAddress}/console/history/records`)).body) as {
    records: { id: string; tag: string; listState: string; httpStatus: number }[]
  }
  expect(records.records).toEqual([
    expect.objectContaining({ tag: 'lateFans', listState: 'kept', httpStatus: 200 }),
  ])
  const recordId = records.records[0]?.id ?? ''
  const ids = await send(`${nextAddress}/console/history/records/${recordId}/ids`)
  expect(JSON.parse(ids.body)).toEqual(['7', '11', '305'])
  next.child.kill('SIGTERM')
  expect(await next.exited).toEqual({ code: 0, signal: null })
}, 300_000)

it('a second signal stops at once, exit 1, without waiting for the upload', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-stop-'))
  dirs.push(dataDir)
  // This FanPass never answers: only the second signal can end the wait.
  const stuck = start(dataDir, `${fanpass.url}/never`)
  const address = await stuck.listening
  const before = fanpass.requests.length
  const upload = send(`${address}/api/v1/segments`, {
    method: 'POST',
    body: JSON.stringify({ title: 'Stuck', tag: 'stuck', userIds: ['1'] }),
  }).catch((error: unknown) => error)
  await expect.poll(() => fanpass.requests.length, { timeout: 20_000 }).toBe(before + 1)
  stuck.child.kill('SIGTERM')
  await expect.poll(() => stuck.output(), { timeout: 5_000 }).toContain('stopping: waiting up to')
  const secondAt = Date.now()
  stuck.child.kill('SIGINT')
  expect((await stuck.exited).code).toBe(1)
  expect(Date.now() - secondAt).toBeLessThan(3_000)
  expect(await upload).toBeInstanceOf(Error)
  expect(existsSync(join(dataDir, 'console.lock'))).toBe(false)
}, 240_000)

// Loaded into the console before its own code: after the line with its address is written, the
// console's thread is held for a moment, as a loaded machine may deschedule it right there.
const HOLD_AFTER_ADDRESS = `data:text/javascript,${encodeURIComponent(`
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk, ...rest) => {
    const written = write(chunk, ...rest)
    if (String(chunk).includes('FanPass Console on')) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
    return written
  }
`)}`

it('a console told to stop the moment it prints its address stops gracefully, exit 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-stop-'))
  dirs.push(dataDir)
  const launched = startConsoleChild({
    DATA_DIR: dataDir,
    FANPASS_API_URL: fanpass.url,
    NODE_OPTIONS: `--import=${HOLD_AFTER_ADDRESS}`,
  })
  children.push(launched)
  // As a supervisor that sends SIGTERM the moment it reads the address.
  launched.child.stdout?.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('FanPass Console on')) launched.child.kill('SIGTERM')
  })
  expect(await launched.exited).toEqual({ code: 0, signal: null })
  expect(existsSync(join(dataDir, 'console.lock'))).toBe(false)
}, 120_000)
