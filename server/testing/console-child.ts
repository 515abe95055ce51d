import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const PAGE_ENTRY = fileURLToPath(new URL('./console-process.ts', import.meta.url))
/** The console as `npm start` serves it: the built page from dist/. */
export const BUILT_CONSOLE_ENTRY = fileURLToPath(new URL('../main.ts', import.meta.url))

// Consoles still running when this process ends (a Playwright worker whose console outlasted its
// start timeout, an interrupted run) end with it: a console left behind keeps its port, its
// DATA_DIR and a share of the machine's two cores.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

export interface ConsoleChild {
  child: ChildProcess
  /** Everything it printed so far, stdout and stderr together. */
  output(): string
  /** Resolves with its address once it listens; rejects if it exits first. */
  listening: Promise<string>
  /** Resolves with its exit code (or signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts the console as a process of its own, with `env` over this one's: by default serving a
 * one-line page (console-process.ts), or `entry` (BUILT_CONSOLE_ENTRY for the built page).
 */
export function startConsoleChild(
  env: Record<string, string>,
  entry: string = PAGE_ENTRY,
): ConsoleChild {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const address = /FanPass Console on (http:\/\/\S+)/.exec(output)?.[1]
      if (address) resolve(address)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then(({ code }) =>
      reject(new Error(`the console exited (${code}) before listening:\n${output}`)),
    )
  })
  // A test that expects the refusal reads `exited`; this keeps an unawaited rejection quiet.
  listening.catch(() => undefined)
  return { child, output: () => output, listening, exited }
}
