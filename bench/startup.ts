import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from '@playwright/test'
import type { BenchContext } from './bench-context.ts'
import { addProbe } from './browser.ts'
import {
  currentLoad,
  formatKb,
  formatMs,
  formatRatio,
  median,
  type SectionResult,
} from './report.ts'
import { buildConsole, startConsole } from './servers.ts'

interface ResourceTiming {
  name: string
  responseEnd: number
}

interface FirstLoad {
  /** Navigation start → the frame showing a usable "Upload segment" button. */
  firstScreenMs: number
  /** Navigation start → that button in the DOM, enabled (before its frame is drawn). */
  firstScreenDomMs: number
  scripts: { path: string; bytes: number; gzipBytes: number }[]
}

async function firstLoad(browser: Browser, url: string): Promise<FirstLoad> {
  // A new context each time: empty HTTP cache, as on a marketer's first visit.
  const browserContext = await browser.newContext()
  try {
    const page = await browserContext.newPage()
    await addProbe(page)
    const bodies = new Map<string, Promise<Buffer | null>>()
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) {
        bodies.set(
          response.url(),
          response.body().catch(() => null),
        )
      }
    })
    await page.goto(`${url}/segments`)
    const painted = () => (window.__bench?.firstScreenPaintedAt ?? null) !== null
    await page.waitForFunction(painted, null, { timeout: 30_000 })
    const timing = await page.evaluate(() => ({
      firstScreenAt: window.__bench?.firstScreenAt ?? 0,
      firstScreenPaintedAt: window.__bench?.firstScreenPaintedAt ?? 0,
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
        (entry): ResourceTiming => ({ name: entry.name, responseEnd: entry.responseEnd }),
      ),
    }))
    const before = timing.resources.filter(
      (entry) =>
        new URL(entry.name).pathname.endsWith('.js') && entry.responseEnd <= timing.firstScreenAt,
    )
    const scripts = await Promise.all(
      before.map(async (entry) => {
        const recorded = await (bodies.get(entry.name) ?? Promise.resolve(null))
        const body = recorded ?? Buffer.from(await (await fetch(entry.name)).arrayBuffer())
        return {
          path: new URL(entry.name).pathname,
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
        }
      }),
    )
    scripts.sort((a, b) => b.gzipBytes - a.gzipBytes)
    return {
      firstScreenMs: timing.firstScreenPaintedAt,
      firstScreenDomMs: timing.firstScreenAt,
      scripts,
    }
  } finally {
    await browserContext.close()
  }
}

/**
 * Issue item 6: the gzipped JavaScript loaded before the Segments page's first usable screen, and
 * the time from navigation start until its "Upload segment" button is visible and enabled, next
 * to its floor: a page of React alone drawing that button (bench/startup-floor), served by the
 * same server to the same browser, loads taking turns so both see the same machine.
 */
export async function measureStartup(context: BenchContext): Promise<SectionResult> {
  const { browser, consoleUrl, rootDir, tmpDir, smoke } = context
  const load = currentLoad()
  const floorDist = join(tmpDir, 'startup-floor-dist')
  buildConsole(rootDir, floorDist, 'bench/startup-floor')
  const floorServer = await startConsole(rootDir, floorDist)
  const runs: FirstLoad[] = []
  const floorRuns: FirstLoad[] = []
  try {
    for (let run = 0; run < (smoke ? 1 : 5); run++) {
      floorRuns.push(await firstLoad(browser, floorServer.url))
      runs.push(await firstLoad(browser, consoleUrl))
    }
  } finally {
    await floorServer.stop()
  }
  const firstScreenMs = median(runs.map((run) => run.firstScreenMs))
  const floorMs = median(floorRuns.map((run) => run.firstScreenMs))
  const last = runs.at(-1)
  const scripts = last?.scripts ?? []
  const gzipTotal = scripts.reduce((sum, script) => sum + script.gzipBytes, 0)
  const rawTotal = scripts.reduce((sum, script) => sum + script.bytes, 0)
  const floorGzip = (floorRuns.at(-1)?.scripts ?? []).reduce(
    (sum, script) => sum + script.gzipBytes,
    0,
  )
  const biggest = scripts
    .slice(0, 3)
    .map((script) => `${script.path.replace('/assets/', '')} ${formatKb(script.gzipBytes)}`)
    .join(', ')
  return {
    key: 'startup',
    title: 'First load of /segments',
    loadAverage: load,
    figures: { runs, floorRuns, gzipTotalBytes: gzipTotal, rawTotalBytes: rawTotal },
    rows: [
      {
        figure: `JavaScript before the first screen (${scripts.length} files, gzip -9)`,
        value: formatKb(gzipTotal),
        reference: `${formatKb(rawTotal)} raw; largest: ${biggest}; React alone ${formatKb(floorGzip)}`,
        target: '≤ 250 kB',
        met: smoke ? undefined : gzipTotal <= 250_000,
      },
      {
        figure: `Navigation → "Upload segment" usable (median of ${runs.length})`,
        value: formatMs(firstScreenMs),
        reference: `React alone drawing that button ${formatMs(floorMs)} → ${formatRatio(firstScreenMs / floorMs)}; in the DOM, enabled, at ${formatMs(median(runs.map((run) => run.firstScreenDomMs)))}`,
        target: '≤ 1 s',
        met: smoke ? undefined : firstScreenMs <= 1_000,
      },
    ],
    notes: [],
  }
}
