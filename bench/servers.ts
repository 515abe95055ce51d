import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A server process the benchmark started; `stop` ends that process only. */
export interface RunningServer {
  url: string
  pid: number
  stop: () => Promise<void>
}

// The console opens its embedded database before it listens; on a shared 2-core machine at a
// load of 40 that alone has taken over two minutes.
const START_TIMEOUT_MS = 300_000

function viteBuild(rootDir: string, args: readonly string[]): void {
  const vite = join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', ...args, '--logLevel', 'warn'], {
    cwd: rootDir,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`)
  }
}

/**
 * Builds the console (or the app in `appDir`, relative to rootDir) into `outDir`, leaving the
 * dist/ other runs may be serving alone. The console gets the bench's own worker beside it.
 */
export function buildConsole(rootDir: string, outDir: string, appDir = '.'): void {
  viteBuild(rootDir, [appDir, '--outDir', outDir, '--emptyOutDir'])
  if (appDir === '.') {
    viteBuild(rootDir, ['--config', 'bench/vite.bench-worker.config.ts', '--outDir', outDir])
  }
}

// What `vite build` reads (vite.config.ts imports server/page-preloads.ts; src/ imports the
// shared schemas in contracts/); a change to any of them makes an existing dist/ stale.
const BUILD_INPUTS = [
  'src',
  'public',
  'contracts',
  'index.html',
  'vite.config.ts',
  'server/page-preloads.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.app.json',
]

/**
 * Modification times (ms) of every file under `path`, or of `path` itself; none if it is absent.
 * With `directories`, each folder's own time too: it moves when a file in it is deleted.
 */
function modifiedTimes(path: string, directories = false): number[] {
  let stats
  try {
    stats = statSync(path)
  } catch {
    return []
  }
  if (!stats.isDirectory()) return [stats.mtimeMs]
  const inside = readdirSync(path).flatMap((name) => modifiedTimes(join(path, name), directories))
  return directories ? [stats.mtimeMs, ...inside] : inside
}

/**
 * True when rootDir's dist/ was built after the last change to any build input, e.g. right after
 * `npm run build`; false when it is missing, empty, or older than one source file.
 */
export function isDistFresh(rootDir: string): boolean {
  const built = modifiedTimes(join(rootDir, 'dist'))
  if (built.length === 0) return false
  const newestInput = Math.max(
    ...BUILD_INPUTS.flatMap((input) => modifiedTimes(join(rootDir, input), true)),
  )
  return Math.min(...built) > newestInput
}

/**
 * The console in `outDir` for a run: a copy of rootDir's dist/ when `reuseDist` is set and it is
 * fresh (CI's smoke run follows the e2e build of the same tree, and building again costs about a
 * minute on a 2-core machine), otherwise its own build; the bench's worker is built beside it
 * either way. e.g. just after `npm run build`, with reuseDist → 'copied'.
 */
export function prepareConsole(
  rootDir: string,
  outDir: string,
  { reuseDist }: { reuseDist: boolean },
): 'copied' | 'built' {
  if (!reuseDist || !isDistFresh(rootDir)) {
    buildConsole(rootDir, outDir)
    return 'built'
  }
  rmSync(outDir, { recursive: true, force: true })
  cpSync(join(rootDir, 'dist'), outDir, { recursive: true })
  viteBuild(rootDir, ['--config', 'bench/vite.bench-worker.config.ts', '--outDir', outDir])
  return 'copied'
}

/** A port nobody listens on right now (the OS picks it; other engineers use 3100–3400). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Every server process started and not yet exited, whoever started it. */
const running = new Set<ChildProcess>()

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/**
 * Runs a TypeScript entry point as `node --import tsx <entry>` (not the tsx CLI, which would put
 * a wrapper process between us and the server, and its RSS is what the upload figure reads),
 * and resolves once a stdout line matches `ready`.
 */
async function startProcess(
  rootDir: string,
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: rootDir,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`))
    }, START_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = ready.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited with code ${code}:\n${output}`))
    })
  })
  let url: string
  try {
    url = await started
  } catch (error) {
    // A server that did not start in time is still running: left alone, its open pipes would
    // keep the bench process from ever exiting.
    await stopChild(child)
    throw error
  }
  // Keep draining output so a chatty server never blocks on a full pipe.
  child.stdout.resume()
  child.stderr.resume()
  if (child.pid === undefined) throw new Error(`${entry} has no process id`)
  return { url, pid: child.pid, stop: () => stopChild(child) }
}

/**
 * The console as `npm start` runs it, serving `distDir`: against its built-in sandbox when
 * `upstream` is omitted, otherwise forwarding to `upstream`; its history in `dataDir`, or a new
 * folder; `env` over the bench's own. Listens on a port the OS picks.
 */
export function startConsole(
  rootDir: string,
  distDir: string,
  upstream?: string,
  dataDir?: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  return startProcess(
    rootDir,
    'bench/serve-console.ts',
    {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      FANPASS_API_URL: upstream ?? '',
      BENCH_DIST_DIR: distDir,
      // A team history of its own per start unless `dataDir` is given (a restart), so no run
      // compares with an earlier run's lists.
      DATA_DIR: dataDir ?? mkdtempSync(join(tmpdir(), 'fanpass-bench-history-')),
    },
    /FanPass Console on (http:\/\/[^\s]+)/,
  )
}

/** The sandbox alone in a process of its own (`npm run sandbox`), on `port`. */
export function startSandbox(rootDir: string, port: number): Promise<RunningServer> {
  return startProcess(
    rootDir,
    'server/sandbox/main.ts',
    { SANDBOX_PORT: String(port) },
    /FanPass sandbox on (http:\/\/[^\s]+)/,
  )
}

/**
 * Stops every server still running, for the end of a run: a measurement that failed before its
 * own `finally` (or forgot one) must not leave a process whose pipes keep the bench alive.
 */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)))
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1]) * 1024
}

export interface RssSampler {
  /** Stops sampling; peak and samples since start. */
  stop: () => { peakBytes: number; samples: number }
}

/** Reads a process's RSS every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs: number): RssSampler {
  let peak = residentBytes(pid)
  let samples = 1
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(pid))
      samples++
    } catch {
      // The process ended; the caller notices through its own request failing.
    }
  }, intervalMs)
  // A sampler a failed measurement forgot must not keep the bench process alive.
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      try {
        peak = Math.max(peak, residentBytes(pid))
        samples++
      } catch {
        // As above.
      }
      return { peakBytes: peak, samples }
    },
  }
}

/** Starts servers side by side; if one fails, stops the others and rethrows its error. */
export async function startAll(
  starts: readonly Promise<RunningServer>[],
): Promise<RunningServer[]> {
  const settled = await Promise.allSettled(starts)
  const failed = settled.find((outcome) => outcome.status === 'rejected')
  if (failed === undefined) {
    return settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))
  }
  await Promise.all(
    settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.stop() : undefined)),
  )
  throw failed.reason
}
