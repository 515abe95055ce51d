import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import playwrightConfig from '../playwright.config.ts'
import { BENCH_WORKER_FILE } from './vite.bench-worker.config.ts'
import type {
  BareParseFigures,
  BareParser,
  BenchWorkerAnswer,
  BenchWorkerRequest,
  ByteScanDepth,
  ByteScanFigures,
} from './worker/protocol.ts'

/** Real Chromium with exactly the executable and flags the e2e tests use. */
export async function launchChromium(): Promise<Browser> {
  const launchOptions = playwrightConfig.use?.launchOptions ?? {}
  return chromium.launch({
    executablePath: launchOptions.executablePath ?? '/usr/bin/chromium',
    args: launchOptions.args ?? [],
  })
}

interface LongTask {
  start: number
  duration: number
}

interface WatchOutcome {
  at: number
  /** Text of the failure element when that appeared instead. */
  failure: string | null
}

/** What the probe keeps in the page (window.__bench). Times are performance.now() of the page. */
interface BenchProbe {
  longTasks: LongTask[]
  /** The bench's bare-parse worker, started on the first floor measurement of the page. */
  floorWorker: Worker | null
  /** When the "Upload segment" button was first in the DOM, laid out and enabled on /segments. */
  firstScreenAt: number | null
  /** The end of the frame that first showed it (the next task after that frame's callbacks). */
  firstScreenPaintedAt: number | null
  watches: Record<string, Promise<WatchOutcome>>
  clicks: Record<string, number>
}

declare global {
  interface Window {
    __bench?: BenchProbe
  }
}

/**
 * Runs in every document before the app's own scripts: records long tasks and notes when the
 * Segments page's first screen is usable. Self-contained: Playwright sends it to the page as source text.
 */
function installProbe(): void {
  const probe: BenchProbe = {
    longTasks: [],
    floorWorker: null,
    firstScreenAt: null,
    firstScreenPaintedAt: null,
    watches: {},
    clicks: {},
  }
  window.__bench = probe
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }
  }).observe({ type: 'longtask', buffered: true })

  if (!location.pathname.startsWith('/segments')) return
  const isUsable = () =>
    Array.from(document.querySelectorAll('button')).some(
      (button) =>
        button.textContent?.trim() === 'Upload segment' &&
        !button.disabled &&
        button.getBoundingClientRect().height > 0,
    )
  const observer = new MutationObserver(() => {
    if (!isUsable()) return
    probe.firstScreenAt = performance.now()
    observer.disconnect()
    requestAnimationFrame(() =>
      setTimeout(() => {
        probe.firstScreenPaintedAt = performance.now()
      }, 0),
    )
  })
  observer.observe(document, { childList: true, subtree: true, attributes: true })
  setTimeout(() => observer.disconnect(), 30_000)
}

/** Installs the probe for every page this page loads from now on. */
export async function addProbe(page: Page): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in __name(…) calls;
  // Playwright sends functions to the page as source, where __name does not exist.
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target' })
  await page.addInitScript(installProbe)
}

/** What a watch waits for: an element matching `selector` (with exactly `text`) to appear or go. */
export interface WatchSpec {
  selector: string
  /** Exact trimmed textContent; any text when omitted. */
  text?: string
  /** Text the element's textContent must contain. */
  textIncludes?: string
  present: boolean
  /** An element that means the awaited thing will never happen (an error alert). */
  failSelector?: string
}

/**
 * Starts watching the DOM for `spec` under `key` and returns the page's clock now: call it just
 * before the action, then `awaitWatch`. The watch runs in the page, so its time is not delayed by
 * Playwright's polling.
 */
export async function armWatch(page: Page, key: string, spec: WatchSpec): Promise<number> {
  return page.evaluate(
    ({ key, spec }) => {
      const probe = window.__bench
      if (!probe) throw new Error('the benchmark probe is not installed in this page')
      const satisfied = () => {
        const hit = Array.from(document.querySelectorAll(spec.selector)).some((element) => {
          const text = (element.textContent ?? '').trim()
          if (spec.text !== undefined && text !== spec.text) return false
          return spec.textIncludes === undefined || text.includes(spec.textIncludes)
        })
        return hit === spec.present
      }
      probe.watches[key] = new Promise<WatchOutcome>((resolve) => {
        const observer = new MutationObserver(() => check())
        const check = () => {
          const failed = spec.failSelector ? document.querySelector(spec.failSelector) : null
          if (failed !== null || satisfied()) {
            observer.disconnect()
            resolve({ at: performance.now(), failure: failed?.textContent ?? null })
          }
        }
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
        })
        check()
      })
      return performance.now()
    },
    { key, spec },
  )
}

/** Waits for a watch; rejects on its failure element or after `timeoutMs`. Returns the page time. */
export async function awaitWatch(page: Page, key: string, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined
  const outcome = await Promise.race([
    page.evaluate((key) => window.__bench?.watches[key] ?? null, key),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`gave up waiting for ${key} after ${timeoutMs} ms`)),
        timeoutMs,
      )
    }),
  ]).finally(() => clearTimeout(timer))
  if (outcome === null) throw new Error(`no watch named ${key}`)
  if (outcome.failure !== null) throw new Error(`${key}: the page said "${outcome.failure}"`)
  return outcome.at
}

/**
 * Remembers the time of the next click on an element matching `selector` under `key`: the input
 * event's own timestamp, so time the click waited for a busy main thread counts.
 */
export async function armClickTime(page: Page, key: string, selector: string): Promise<void> {
  await page.evaluate(
    ({ key, selector }) => {
      const onClick = (event: MouseEvent) => {
        if (!(event.target instanceof Element) || event.target.closest(selector) === null) return
        const probe = window.__bench
        if (probe) probe.clicks[key] = event.timeStamp
        document.removeEventListener('click', onClick, true)
      }
      document.addEventListener('click', onClick, true)
    },
    { key, selector },
  )
}

export async function clickTime(page: Page, key: string): Promise<number> {
  const at = await page.evaluate((key) => window.__bench?.clicks[key] ?? null, key)
  if (at === null) throw new Error(`no click recorded for ${key}`)
  return at
}

/** The longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) that started in [from, to]. */
export async function longestTask(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ({ from, to }) =>
      (window.__bench?.longTasks ?? [])
        .filter((task) => task.start >= from && task.start <= to)
        .reduce((longest, task) => Math.max(longest, task.duration), 0),
    { from, to },
  )
}

/**
 * Runs one of the bench worker's readings (bench/worker/bare-parse-worker.ts) on the file at
 * `path`, given to a hidden file input of the benchmark's (the same disk-backed File the app
 * gets). One worker serves every reading of a page, so after the first it is as warm as the
 * console's own. `label` names the reading in failures.
 */
async function measureInBenchWorker<Figures>(
  page: Page,
  path: string,
  reading: DistributiveOmit<BenchWorkerRequest, 'file'>,
  label: string,
): Promise<Figures> {
  await page.evaluate(() => {
    if (document.getElementById('bench-floor-input')) return
    const input = document.createElement('input')
    input.type = 'file'
    input.id = 'bench-floor-input'
    input.hidden = true
    document.body.append(input)
  })
  await page.locator('#bench-floor-input').setInputFiles(path)
  const run = page.evaluate(
    ({ workerFile, reading, label }) =>
      new Promise<Figures>((resolve, reject) => {
        const probe = window.__bench
        const input = document.getElementById('bench-floor-input')
        const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined
        if (!probe || !file) {
          reject(new Error('the bench probe or the file is missing'))
          return
        }
        probe.floorWorker ??= new Worker(`/${workerFile}`, { type: 'module', name: 'bench-floor' })
        const worker = probe.floorWorker
        worker.onmessage = (event: MessageEvent<BenchWorkerAnswer>) => {
          if ('figures' in event.data) resolve(event.data.figures as Figures)
          else reject(new Error(`the ${label} failed: ${event.data.error}`))
        }
        worker.onerror = (event) => reject(new Error(`the bench worker failed: ${event.message}`))
        worker.postMessage({ file, ...reading })
      }),
    { workerFile: BENCH_WORKER_FILE, reading, label },
  )
  // A read that never ends (it happened, see docs/performance.md) fails this reading, and the
  // next one starts a fresh worker, so the run still ends.
  let timer: NodeJS.Timeout | undefined
  // Once given up on, the reading's own promise rejects only when the page closes: not a failure.
  run.catch(() => undefined)
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void page
        .evaluate(() => {
          window.__bench?.floorWorker?.terminate()
          if (window.__bench) window.__bench.floorWorker = null
        })
        .catch(() => undefined)
      reject(new Error(`the ${label} did not end within ${BARE_PARSE_LIMIT_MS / 1000} s`))
    }, BARE_PARSE_LIMIT_MS)
  })
  try {
    return await Promise.race([run, stuck])
  } finally {
    clearTimeout(timer)
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/**
 * A bare parse of the file at `path` with `parser` in the bench worker (papaparse:
 * measureBareParse in bench/worker/bare-parse.ts, the floor; udsv: measureUdsvParse in
 * udsv-parse.ts).
 */
export function measureBareParseInWorker(
  page: Page,
  path: string,
  parser: BareParser = 'papaparse',
): Promise<BareParseFigures> {
  return measureInBenchWorker(page, path, { parser }, `${parser} bare parse`)
}

/** The byte scan (bench/worker/byte-scan.ts) of the file at `path` at `depth`, in the bench worker. */
export function measureByteScanInWorker(
  page: Page,
  path: string,
  depth: ByteScanDepth,
): Promise<ByteScanFigures> {
  return measureInBenchWorker(page, path, { byteScan: depth }, `byte scan (${depth})`)
}

/** Far beyond any reading of the bench's files in the bench worker (the largest takes 2–11 s). */
const BARE_PARSE_LIMIT_MS = 120_000

interface HeapUsage {
  usedSize: number
  totalSize: number
  backingStorageSize: number
}

export interface HeapPeaks {
  pageUsed: number
  workerUsed: number
  /** Largest page + worker heap seen in one sample. */
  combinedUsed: number
  /** Array buffers and external strings, outside the JS heap (page + worker, one sample). */
  combinedBacking: number
  /** The worker's own part of combinedBacking, at its own peak. */
  workerBacking: number
  samples: number
}

const noPeaks = (): HeapPeaks => ({
  pageUsed: 0,
  workerUsed: 0,
  combinedUsed: 0,
  combinedBacking: 0,
  workerBacking: 0,
  samples: 0,
})

/**
 * Samples the JS heap of the page and of its ingestion worker through the DevTools protocol.
 * The worker is a target of its own: a page session auto-attaches to it (not flattened, since
 * Playwright routes only its own flattened sessions) and talks to it with sendMessageToTarget.
 */
export class HeapSampler {
  private readonly session: CDPSession
  private workerSession: string | null = null
  private nextId = 1
  private readonly pending = new Map<number, (result: unknown) => void>()
  private timer: NodeJS.Timeout | null = null
  private peaks = noPeaks()

  private constructor(session: CDPSession) {
    this.session = session
  }

  /** Attach before the worker starts, so its target is picked up when it appears. */
  static async attach(page: Page): Promise<HeapSampler> {
    const session = await page.context().newCDPSession(page)
    const sampler = new HeapSampler(session)
    session.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker' && event.targetInfo.url.includes('segment-worker')) {
        sampler.workerSession = event.sessionId
      }
    })
    session.on('Target.detachedFromTarget', (event) => {
      if (event.sessionId === sampler.workerSession) sampler.workerSession = null
    })
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown }
      if (message.id === undefined) return
      HeapSampler.resolveMessage(sampler, message.id, message.result ?? null)
    })
    await session.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    })
    return sampler
  }

  private static resolveMessage(sampler: HeapSampler, id: number, result: unknown): void {
    sampler.pending.get(id)?.(result)
    sampler.pending.delete(id)
  }

  /** Sends one DevTools command to the worker; null when it has no worker or no answer in 2 s. */
  private async workerCall<Result>(method: string): Promise<Result | null> {
    const sessionId = this.workerSession
    if (sessionId === null) return null
    const id = this.nextId++
    const answer = new Promise<Result | null>((resolve) => {
      this.pending.set(id, resolve as (result: unknown) => void)
      setTimeout(() => HeapSampler.resolveMessage(this, id, null), 2_000)
    })
    await this.session
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      .catch(() => HeapSampler.resolveMessage(this, id, null))
    return answer
  }

  private workerUsage(): Promise<HeapUsage | null> {
    return this.workerCall<HeapUsage>('Runtime.getHeapUsage')
  }

  /**
   * What the worker still holds after a full collection (heap, array buffers): set beside the
   * peaks, it says how much of a peak was garbage not yet collected.
   */
  async workerLive(): Promise<{ used: number; backing: number } | null> {
    await this.workerCall('HeapProfiler.collectGarbage')
    const usage = await this.workerUsage()
    return usage === null ? null : { used: usage.usedSize, backing: usage.backingStorageSize }
  }

  private async sample(): Promise<void> {
    const [page, worker] = await Promise.all([
      this.session.send('Runtime.getHeapUsage').catch(() => null),
      this.workerUsage(),
    ])
    const peaks = this.peaks
    peaks.samples++
    peaks.pageUsed = Math.max(peaks.pageUsed, page?.usedSize ?? 0)
    peaks.workerUsed = Math.max(peaks.workerUsed, worker?.usedSize ?? 0)
    peaks.combinedUsed = Math.max(
      peaks.combinedUsed,
      (page?.usedSize ?? 0) + (worker?.usedSize ?? 0),
    )
    peaks.combinedBacking = Math.max(
      peaks.combinedBacking,
      (page?.backingStorageSize ?? 0) + (worker?.backingStorageSize ?? 0),
    )
    peaks.workerBacking = Math.max(peaks.workerBacking, worker?.backingStorageSize ?? 0)
  }

  /** Starts sampling every `intervalMs` (one sample at a time), with fresh peaks. */
  start(intervalMs: number): void {
    this.peaks = noPeaks()
    let busy = false
    this.timer = setInterval(() => {
      if (busy) return
      busy = true
      void this.sample().finally(() => {
        busy = false
      })
    }, intervalMs)
  }

  /** Stops sampling after one last sample, and returns the peaks. */
  async stop(): Promise<HeapPeaks> {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
    await this.sample()
    return { ...this.peaks }
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined)
  }
}
