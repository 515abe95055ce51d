import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts'
import { startConsoleChild, type ConsoleChild } from './testing/console-child.ts'

// Two consoles on one embedded DATA_DIR would both write one PGlite database: the second must
// refuse to start, and a lock left by a killed console must not keep the folder shut for ever.

const dirs: string[] = []
const children: ConsoleChild[] = []
afterAll(async () => {
  for (const { child, exited } of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function start(dataDir: string) {
  const started = startConsoleChild({ DATA_DIR: dataDir })
  children.push(started)
  return started
}

it('a second console on the same DATA_DIR refuses to start, naming the folder and the first', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-lock-'))
  dirs.push(dataDir)
  const first = start(dataDir)
  await first.listening
  const second = start(dataDir)
  expect((await second.exited).code).toBe(1)
  expect(second.output()).toContain(
    `Another FanPass Console (process ${first.child.pid} on this machine, started `,
  )
  expect(second.output()).toContain(
    `is using the history in ${dataDir}; stop it or set DATA_DIR to another folder.`,
  )
  // The first is untouched, and its lock goes with it when it stops.
  expect((await fetch(`${await first.listening}/console/config`)).status).toBe(200)
  first.child.kill('SIGTERM')
  expect(await first.exited).toEqual({ code: 0, signal: null })
  expect(existsSync(join(dataDir, 'console.lock'))).toBe(false)
}, 240_000)

it('a console killed with SIGKILL leaves a lock the next start takes over, saying so', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-lock-'))
  dirs.push(dataDir)
  const killed = start(dataDir)
  await killed.listening
  killed.child.kill('SIGKILL')
  await killed.exited
  const left = JSON.parse(readFileSync(join(dataDir, 'console.lock'), 'utf8')) as { pid: number }
  expect(left.pid).toBe(killed.child.pid)

  const next = start(dataDir)
  await next.listening
  expect(next.output()).toContain(`was left by process ${killed.child.pid} (started `)
  const held = JSON.parse(readFileSync(join(dataDir, 'console.lock'), 'utf8')) as {
    pid: number
    hostname: string
  }
  expect(held).toMatchObject({ pid: next.child.pid, hostname: hostname() })
  next.child.kill('SIGTERM')
  expect(await next.exited).toEqual({ code: 0, signal: null })
}, 240_000)

it("a lock held by another machine's console is refused, with how to clear it if that one is gone", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-lock-'))
  dirs.push(dataDir)
  const lock = { pid: 4242, hostname: 'build-7', startedAt: '2026-12-06T08:00:00.000Z' }
  writeFileSync(join(dataDir, 'console.lock'), JSON.stringify(lock))
  const refused = start(dataDir)
  expect((await refused.exited).code).toBe(1)
  expect(refused.output()).toContain(
    `Another FanPass Console (process 4242 on the machine build-7, started 2026-12-06T08:00:00.000Z) is using the history in ${dataDir}; stop it or set DATA_DIR to another folder. If no console runs there any more, delete ${join(dataDir, 'console.lock')}.`,
  )
}, 120_000)

it('a DATA_DIR that cannot be written is refused with a sentence, not a stack trace', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fanpass-lock-'))
  dirs.push(parent)
  const aFile = join(parent, 'not-a-folder')
  writeFileSync(aFile, '')
  const taking = () => lockDataDir(join(aFile, 'data'), () => undefined)
  expect(taking).toThrow(DataDirLockedError)
  expect(taking).toThrow(
    `The console cannot write in DATA_DIR (${join(aFile, 'data')}: ENOTDIR); set DATA_DIR to a folder it can write to.`,
  )
})

it('a lock taken and released in this process leaves the folder free for the next', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-lock-'))
  dirs.push(dataDir)
  const lock = lockDataDir(dataDir, () => undefined)
  expect(JSON.parse(readFileSync(join(dataDir, 'console.lock'), 'utf8'))).toMatchObject({
    pid: process.pid,
  })
  lock.release()
  expect(existsSync(join(dataDir, 'console.lock'))).toBe(false)
  lockDataDir(dataDir, () => undefined).release()
})
