// npm run bench: builds the console, starts it against the sandbox, drives real Chromium through
// each measurement module, prints one table and writes bench/results.json (and the table in
// docs/performance.md). `--smoke` is CI's small form: 50,000-row ID files (20,000 rows of
// properties), every step still run, times reported but never judged, results in
// bench/tmp/results-smoke.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import makePgliteTemplate from '../server/testing/pglite-template-setup.ts'
import type { BenchContext } from './bench-context.ts'
import { launchChromium } from './browser.ts'
import { measureConsoleMemory } from './console-memory.ts'
import {
  checkFailurePathExits,
  DELIBERATE_FAILURE_KEY,
  HELD_OPEN_MESSAGE,
  measureDeliberateFailure,
} from './failure-path.ts'
import { measureFindAFan } from './find-a-fan.ts'
import { measureKeepRows, measureKeepRowsCsv, measureKeepRowsXlsx } from './keep-rows.ts'
import { measurePropertiesPlan } from './properties-plan.ts'
import { measureProxyLoad } from './proxy-load.ts'
import { currentLoad, formatMs, markdownTable, textTable, type SectionResult } from './report.ts'
import { measureSegmentIngest } from './segment-ingest.ts'
import { prepareConsole, startConsole, stopAllServers } from './servers.ts'
import { measureStartup } from './startup.ts'
import { measureTenMillionUpload, measureUpload } from './upload.ts'
import { measureWorkbookIngest } from './workbook-ingest.ts'

const smoke = process.argv.includes('--smoke')
// --only=segmentIngest,upload runs just those measurements (while working on one of them);
// such a partial run never replaces bench/results.json or the table in docs/performance.md.
const only = process.argv
  .find((argument) => argument.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
// Serves bench/tmp/dist as an earlier run built it (the smoke run's failure-path check).
const skipBuild = process.argv.includes('--skip-build')
const rootDir = fileURLToPath(new URL('..', import.meta.url))
const tmpDir = join(rootDir, 'bench', 'tmp')
const distDir = join(tmpDir, 'dist')
const startedAt = Date.now()

interface Measurement {
  key: string
  title: string
  run: () => Promise<SectionResult | SectionResult[]>
}

/** Measurements that run only when --only names them. */
const namedOnly = (measurements: Measurement[]): Measurement[] =>
  measurements.filter((measurement) => only?.includes(measurement.key) === true)

function say(line: string): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)
  process.stdout.write(`[${seconds} s, load ${currentLoad().toFixed(2)}] ${line}\n`)
}

/** The proxy load test's figures as a section; its `rows` become the table's rows. */
async function proxyLoadSection(): Promise<SectionResult> {
  const load = currentLoad()
  const figures = await measureProxyLoad({ smoke })
  return {
    key: 'proxyLoad',
    title: 'Proxy under load',
    loadAverage: load,
    figures: { result: figures },
    rows: figures.rows,
    notes: [],
  }
}

function failedSection(key: string, title: string, error: unknown): SectionResult {
  const message = error instanceof Error ? error.message : String(error)
  return {
    key,
    title,
    loadAverage: currentLoad(),
    figures: { error: message },
    rows: [{ figure: 'failed', value: message.split('\n')[0] ?? message }],
    notes: [],
  }
}

// The bench table lives in docs/performance.md, between these markers; the rest of that page
// (the method, the history of the figures) is written by hand.
const TABLE_PAGE = join('docs', 'performance.md')
const TABLE_START = '<!-- bench:table:start -->'
const TABLE_END = '<!-- bench:table:end -->'

/** Replaces the table between TABLE_PAGE's markers (leaving the rest alone), Prettier-formatted. */
async function updateTable(summary: string, sections: readonly SectionResult[]): Promise<boolean> {
  const path = join(rootDir, TABLE_PAGE)
  const page = readFileSync(path, 'utf8')
  const start = page.indexOf(TABLE_START)
  const end = page.indexOf(TABLE_END)
  if (start === -1 || end < start) return false
  const block = `${TABLE_START}\n\n${summary}\n\n${markdownTable(sections)}\n\n${TABLE_END}`
  const next = page.slice(0, start) + block + page.slice(end + TABLE_END.length)
  const options = (await prettier.resolveConfig(path)) ?? {}
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }))
  return true
}

async function main(): Promise<number> {
  mkdirSync(tmpDir, { recursive: true })
  const loadAtStart = loadavg()
  say(`FanPass Console benchmark${smoke ? ' (smoke: small inputs, times not judged)' : ''}`)
  if (skipBuild) {
    say('Serving the console already built in bench/tmp/dist…')
  } else {
    // The smoke run shares the e2e run's build when it is of the same tree; the full run measures
    // a build of its own.
    say('Preparing the console in bench/tmp/dist…')
    const prepared = prepareConsole(rootDir, distDir, { reuseDist: smoke })
    say(prepared === 'copied' ? 'Copied dist/, built after every source change' : 'Built it')
  }
  // Five of the smoke run's new DATA_DIRs (its consoles, Find a fan's history) copy one cluster
  // made here instead of each running initdb (~10 s of CPU), as the tests do. The console-memory
  // section's first start still makes its own: that start is what it measures.
  const removeTemplate = smoke ? await makePgliteTemplate() : undefined
  say('Starting the console against its built-in sandbox, and Chromium…')
  const [started, launched] = await Promise.allSettled([
    startConsole(rootDir, distDir),
    launchChromium(),
  ])
  if (started.status === 'rejected' || launched.status === 'rejected') {
    removeTemplate?.()
    if (started.status === 'fulfilled') await started.value.stop()
    if (launched.status === 'fulfilled') await launched.value.close()
    throw started.status === 'rejected'
      ? started.reason
      : (launched as PromiseRejectedResult).reason
  }
  const consoleServer = started.value
  const browser = launched.value
  const context: BenchContext = {
    smoke,
    rootDir,
    tmpDir,
    distDir,
    browser,
    consoleUrl: consoleServer.url,
  }

  const sections: SectionResult[] = []
  let failures = 0
  const measurements: Measurement[] = [
    { key: 'startup', title: 'First load of /segments', run: () => measureStartup(context) },
    { key: 'segmentIngest', title: 'Segment ingest', run: () => measureSegmentIngest(context) },
    { key: 'upload', title: 'Upload through the proxy', run: () => measureUpload(context) },
    ...(smoke
      ? []
      : [
          {
            key: 'upload10m',
            title: 'Upload of 10M IDs through the proxy',
            run: () => measureTenMillionUpload(context),
          },
        ]),
    { key: 'propertiesPlan', title: 'Properties plan', run: () => measurePropertiesPlan(context) },
    { key: 'workbookIngest', title: 'Workbooks', run: () => measureWorkbookIngest(context) },
    {
      key: 'keepRows',
      title: 'Keep rows where… (ticketing export)',
      run: () => measureKeepRows(context),
    },
    // Never part of a run unless named: each half of keepRows alone, while working on it.
    ...namedOnly([
      {
        key: 'keepRowsCsv',
        title: 'Keep rows where… (ticketing export as CSV)',
        run: () => measureKeepRowsCsv(context),
      },
      {
        key: 'keepRowsXlsx',
        title: 'Keep rows where… (ticketing export as .xlsx)',
        run: () => measureKeepRowsXlsx(context),
      },
    ]),
    { key: 'proxyLoad', title: 'Proxy under load', run: proxyLoadSection },
    { key: 'findAFan', title: 'Find a fan', run: () => measureFindAFan(smoke) },
    ...(smoke
      ? [{ key: 'failurePath', title: 'Failure path', run: () => checkFailurePathExits(context) }]
      : []),
    // Never part of a run unless named: the failure path's check runs the bench with it alone.
    ...namedOnly([
      {
        key: DELIBERATE_FAILURE_KEY,
        title: 'A measurement made to fail',
        run: () => measureDeliberateFailure(context),
      },
    ]),
    { key: 'consoleMemory', title: 'Console memory', run: () => measureConsoleMemory(context) },
  ]
  try {
    for (const measurement of measurements) {
      if (only !== undefined && !only.includes(measurement.key)) continue
      say(`${measurement.title}…`)
      const began = Date.now()
      try {
        const result = await measurement.run()
        sections.push(...(Array.isArray(result) ? result : [result]))
        say(`${measurement.title}: done in ${formatMs(Date.now() - began)}`)
      } catch (error) {
        failures++
        sections.push(failedSection(measurement.key, measurement.title, error))
        say(`${measurement.title}: FAILED: ${error instanceof Error ? error.message : error}`)
      }
    }
  } finally {
    // Whatever a failed measurement left open: its pages go with the browser, its servers here.
    try {
      await browser.close()
    } finally {
      await consoleServer.stop()
      await stopAllServers()
      removeTemplate?.()
    }
  }

  const cpuList = cpus()
  const results = {
    date: new Date().toISOString(),
    mode: smoke ? 'smoke' : 'full',
    only: only ?? null,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      loadAverage: { start: loadAtStart, end: loadavg() },
    },
    versions: { node: process.version, chromium: browser.version(), platform: process.platform },
    durationMs: Date.now() - startedAt,
    sections,
  }
  const summary = `Latest run: ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${results.machine.cpus} × ${results.machine.cpuModel.trim()}, ${results.machine.memoryGiB} GiB, Node ${process.version}, Chromium ${results.versions.chromium}; 1-minute load ${loadAtStart[0]?.toFixed(2)} at the start (the machine was shared).`

  process.stdout.write(`\n${summary}\n\n${textTable(sections)}\n`)
  for (const section of sections) {
    for (const note of section.notes) process.stdout.write(`\n${section.title}: ${note}`)
  }
  const resultsPath =
    only !== undefined
      ? join(tmpDir, 'results-partial.json')
      : smoke
        ? join(tmpDir, 'results-smoke.json')
        : join(rootDir, 'bench', 'results.json')
  // Paths inside the repository are written relative to it, so the committed file is the same
  // on every machine.
  const relative = (_key: string, value: unknown) =>
    typeof value === 'string' && value.startsWith(rootDir) ? value.slice(rootDir.length) : value
  writeFileSync(resultsPath, `${JSON.stringify(results, relative, 2)}\n`)
  process.stdout.write(`\n\nWrote ${resultsPath}\n`)
  if (!smoke && only === undefined && failures === 0 && (await updateTable(summary, sections))) {
    process.stdout.write(`Updated the table in ${TABLE_PAGE}\n`)
  }
  return failures === 0 ? 0 : 1
}

process.exitCode = await main()
// Everything the run started is stopped by now. Should anything still hold the process open, say
// what, and end the run anyway with its exit code: a bench that never returns blocks CI.
setTimeout(() => {
  process.stderr.write(
    `${HELD_OPEN_MESSAGE} by: ${process.getActiveResourcesInfo().join(', ')}. Exiting.\n`,
  )
  process.exit()
}, 10_000).unref()
