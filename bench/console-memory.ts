import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_CLUSTER_TEMPLATE_ENV } from '../server/history/pglite-client.ts'
import type { BenchContext } from './bench-context.ts'
import { distinctId } from './inputs.ts'
import { currentLoad, formatMb, formatMs, median, type SectionResult } from './report.ts'
import {
  freePort,
  residentBytes,
  sampleRss,
  startAll,
  startConsole,
  startSandbox,
  type RunningServer,
} from './servers.ts'

const MB = 1024 * 1024
const RSS_SAMPLE_MS = 50
// A started console still finishes small things (the first GC, lazy compilation) for a moment.
const SETTLE_MS = 3_000
const TAG = 'benchMemory'

/** The console's resident memory once it has settled: the median of a second of samples. */
async function idleRss(server: RunningServer): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  const samples: number[] = []
  for (let i = 0; i < 20; i++) {
    samples.push(residentBytes(server.pid))
    await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_MS))
  }
  return median(samples)
}

/** A console as `npm start` runs it (built-in sandbox) on `dataDir`: its idle RSS, then stopped. */
async function idleConsole(context: BenchContext, dataDir: string): Promise<number> {
  // A first start makes its cluster as `npm start` does, even where the smoke run's other
  // consoles copy one made ahead (bench/run.ts).
  const server = await startConsole(context.rootDir, context.distDir, undefined, dataDir, {
    [TEST_CLUSTER_TEMPLATE_ENV]: '',
  })
  try {
    return await idleRss(server)
  } finally {
    await server.stop()
  }
}

/** The body the Segments page sends for `count` IDs, built once in this process. */
function segmentBody(count: number): string {
  const ids: string[] = []
  for (let n = 0; n < count; n++) ids.push(`"${distinctId(n)}"`)
  return `{"title":"Bench memory","tag":"${TAG}","userIds":[${ids.join(',')}]}`
}

async function waitForKeptList(consoleUrl: string, token: string): Promise<void> {
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    const response = await fetch(`${consoleUrl}/console/history/tags/${TAG}/latest`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as { record: { listState: string } | null }
    if (body.record?.listState === 'kept') return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`the list of ${TAG} was not kept within 5 minutes`)
}

interface KeptListFigures {
  ids: number
  bodyBytes: number
  idleBytes: number
  peakBytes: number
  samples: number
  keptMs: number
}

/**
 * A segment of `count` IDs posted through the console's proxy to a sandbox in a process of its
 * own (so only the proxy and the recorder are in the measured process), sampling the console's
 * RSS from before the request until the history has kept the list.
 */
async function keepList(
  context: BenchContext,
  dataDir: string,
  count: number,
): Promise<KeptListFigures> {
  const body = segmentBody(count)
  const sandboxPort = await freePort()
  const [sandbox, proxy] = await startAll([
    startSandbox(context.rootDir, sandboxPort),
    startConsole(context.rootDir, context.distDir, `http://127.0.0.1:${sandboxPort}`, dataDir),
  ])
  if (sandbox === undefined || proxy === undefined) throw new Error('a server did not start')
  try {
    const { token } = (await (await fetch(`${sandbox.url}/__sandbox/token`)).json()) as {
      token: string
    }
    const idleBytes = await idleRss(proxy)
    const rss = sampleRss(proxy.pid, RSS_SAMPLE_MS)
    const began = Date.now()
    const response = await fetch(`${proxy.url}/api/v1/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    })
    const answer = await response.text()
    if (!answer.includes(`queued ${count} for import`)) {
      rss.stop()
      throw new Error(`the upload did not succeed: HTTP ${response.status} ${answer}`)
    }
    await waitForKeptList(proxy.url, token)
    const keptMs = Date.now() - began
    const { peakBytes, samples } = rss.stop()
    return { ids: count, bodyBytes: Buffer.byteLength(body), idleBytes, peakBytes, samples, keptMs }
  } finally {
    await proxy.stop()
    await sandbox.stop()
  }
}

/**
 * Issue #20: the console's resident memory idle after its first start on a new DATA_DIR, idle
 * after a restart on that folder, and at its peak while a 1M-ID list is kept (50,000 in smoke).
 */
export async function measureConsoleMemory(context: BenchContext): Promise<SectionResult> {
  const { smoke } = context
  const load = currentLoad()
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-bench-memory-'))
  const firstStartBytes = await idleConsole(context, dataDir)
  const restartBytes = await idleConsole(context, dataDir)
  const kept = await keepList(context, dataDir, smoke ? 50_000 : 1_000_000)
  const judged = (bytes: number, floorMb: number) => (smoke ? undefined : bytes <= floorMb * MB)
  return {
    key: 'consoleMemory',
    title: 'Console memory',
    loadAverage: load,
    figures: { dataDir, firstStartBytes, restartBytes, kept },
    rows: [
      {
        figure: 'Console RSS idle after the first start on a new DATA_DIR',
        value: formatMb(firstStartBytes),
        reference: 'npm start form: built-in sandbox, embedded PGlite history',
        target: '≤ 250 MB',
        met: judged(firstStartBytes, 250),
      },
      {
        figure: 'Console RSS idle after a restart on that DATA_DIR',
        value: formatMb(restartBytes),
        target: '≤ 250 MB',
        met: judged(restartBytes, 250),
      },
      {
        figure: `Console RSS peak while a ${kept.ids.toLocaleString('en-US')}-ID list is kept`,
        value: formatMb(kept.peakBytes),
        reference: `idle ${formatMb(kept.idleBytes)} before; ${formatMb(kept.bodyBytes)} body posted through the proxy to a sandbox process; kept ${formatMs(kept.keptMs)} after sending; ${kept.samples} samples`,
        target: '≤ 400 MB',
        met: judged(kept.peakBytes, 400),
      },
    ],
    notes: [
      'Console memory: VmRSS of the console process (node --import tsx), idle figures the median of 20 samples taken 3 s after it printed its address; the peak sampled every 50 ms from the request until the history reports the list kept.',
    ],
  }
}
