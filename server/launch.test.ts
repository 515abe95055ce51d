import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'
import { closedPort } from './testing/http-fixtures.ts'

// launch.ts as `npm start` runs it: what it used to swallow now leaves one line in the log.

const ENTRY = fileURLToPath(new URL('./testing/console-process.ts', import.meta.url))

let child: ChildProcess | undefined
const dirs: string[] = []
afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('logs that the history database does not answer at start, and still starts forwarding', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-launch-'))
  dirs.push(dataDir)
  const databasePort = await closedPort()
  const launched = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FANPASS_API_URL: '',
      DATABASE_URL: `postgres://console@127.0.0.1:${databasePort}/history`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = launched
  const output: string[] = []
  const seen = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not seen: ${output.join('')}`)), 40_000)
      const look = () => {
        const match = pattern.exec(output.join(''))
        if (!match) return
        clearTimeout(timer)
        resolve(match[0])
      }
      for (const stream of [launched.stdout, launched.stderr]) {
        stream?.on('data', (data: Buffer) => {
          output.push(data.toString('utf8'))
          look()
        })
      }
    })

  const started = seen(/FanPass Console on http:\/\/127\.0\.0\.1:\d+/)
  const line = await seen(/\{[^\n]*the history database does not answer yet[^\n]*\}/)
  expect(JSON.parse(line)).toMatchObject({ level: 40 })
  await started
}, 60_000)
