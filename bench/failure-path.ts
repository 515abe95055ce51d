// The bench's own failure path, checked by the smoke run: a run whose measurement fails must
// still print its table, write its results and end, with an exit code that says it failed.
import { spawn } from 'node:child_process'
import type { BenchContext } from './bench-context.ts'
import { addProbe } from './browser.ts'
import { currentLoad, formatMs, type SectionResult } from './report.ts'
import { freePort, sampleRss, startSandbox } from './servers.ts'

/** The measurement that fails on purpose; run only when named: --only=deliberateFailure. */
export const DELIBERATE_FAILURE_KEY = 'deliberateFailure'
const FAILURE_MESSAGE = 'made to fail on purpose'
/** What bench/run.ts prints when something still held the process open after its results. */
export const HELD_OPEN_MESSAGE = 'The bench was still held open after its results'
// Starting the console and Chromium took 64 s of the 107 s this check took at a load of 30.
const EXIT_WITHIN_MS = 300_000

/**
 * Fails half-way and cleans nothing up, as a measurement interrupted by an error does: a server
 * left running, a page left open, an RSS sampler left sampling. The run must end anyway.
 */
export async function measureDeliberateFailure(context: BenchContext): Promise<SectionResult> {
  const sandbox = await startSandbox(context.rootDir, await freePort())
  const page = await (await context.browser.newContext()).newPage()
  await addProbe(page)
  await page.goto(context.consoleUrl)
  sampleRss(sandbox.pid, 50)
  throw new Error(FAILURE_MESSAGE)
}

interface ChildRun {
  code: number | null
  ms: number
  output: string
  timedOut: boolean
}

/**
 * `node --import tsx bench/run.ts …args` in a process group of its own, killed with its group
 * when it has not exited within `timeoutMs`.
 */
function runBench(rootDir: string, args: readonly string[], timeoutMs: number): Promise<ChildRun> {
  const began = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: rootDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // The group is already gone.
    }
  }
  return new Promise((resolve) => {
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
    }, timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      // Whatever the run left behind in its group ends with it.
      killGroup()
      resolve({ code, ms: Date.now() - began, output, timedOut })
    })
  })
}

/**
 * Runs the bench with only the deliberately failing measurement (reusing this run's build) and
 * checks that it printed the failure in its table, exited by itself with code 1, and was not held
 * open by anything the failure left behind. Throws, failing the smoke run, when it did not.
 */
export async function checkFailurePathExits(context: BenchContext): Promise<SectionResult> {
  const load = currentLoad()
  const run = await runBench(
    context.rootDir,
    [`--only=${DELIBERATE_FAILURE_KEY}`, '--skip-build'],
    EXIT_WITHIN_MS,
  )
  const tail = run.output.slice(-2000)
  if (run.timedOut) {
    throw new Error(
      `a run whose measurement failed was still running after ${formatMs(run.ms)}:\n${tail}`,
    )
  }
  const table = run.output.slice(run.output.indexOf('Measurement'))
  if (!table.includes(FAILURE_MESSAGE) || !/Wrote \S+results-partial\.json/.test(run.output)) {
    throw new Error(`a run whose measurement failed did not print its table and results:\n${tail}`)
  }
  if (run.output.includes(HELD_OPEN_MESSAGE)) {
    throw new Error(`a run whose measurement failed was held open by what it left:\n${tail}`)
  }
  if (run.code !== 1) {
    throw new Error(`a run whose measurement failed exited with code ${run.code}, not 1:\n${tail}`)
  }
  return {
    key: 'failurePath',
    title: 'Failure path',
    loadAverage: load,
    figures: { exitCode: run.code, ms: run.ms },
    rows: [
      {
        figure: 'A run whose measurement fails: table printed, then exits by itself with code 1',
        value: `exited in ${formatMs(run.ms)}`,
        reference: 'child bench run; its failed section left a server, a page and a sampler',
        target: `≤ ${EXIT_WITHIN_MS / 1000} s`,
        met: true,
      },
    ],
    notes: [],
  }
}
