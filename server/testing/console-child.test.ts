import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'

// A Playwright worker whose console outlasted its start timeout exits without the fixture's
// teardown: the console it started must not outlive it (four did, under a load of 17).

const CONSOLE_CHILD = fileURLToPath(new URL('./console-child.ts', import.meta.url))

const dirs: string[] = []
const pids: number[] = []
afterEach(() => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone, as it should be.
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

it('a console still starting when the process that started it exits is stopped with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fanpass-console-child-'))
  dirs.push(dir)
  // Stands in for a console that has not printed its address yet: it only waits.
  const waits = join(dir, 'waits.mjs')
  writeFileSync(waits, 'setInterval(() => undefined, 1_000)\n')
  const parent = `
    const { startConsoleChild } = await import(${JSON.stringify(CONSOLE_CHILD)})
    const started = startConsoleChild({}, ${JSON.stringify(waits)})
    process.stdout.write(String(started.child.pid))
    setTimeout(() => process.exit(0), 200)
  `
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', parent],
    { encoding: 'utf8', timeout: 60_000 },
  )
  const pid = Number(output)
  expect(pid).toBeGreaterThan(0)
  pids.push(pid)
  await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false)
}, 90_000)
