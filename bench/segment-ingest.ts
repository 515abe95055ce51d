import type { Page } from '@playwright/test'
import type { BenchContext } from './bench-context.ts'
import {
  armClickTime,
  armWatch,
  awaitWatch,
  clickTime,
  HeapSampler,
  measureBareParseInWorker,
  type HeapPeaks,
} from './browser.ts'
import { idsFile, type IdsFile } from './inputs.ts'
import {
  currentLoad,
  formatMb,
  formatMs,
  formatRatio,
  median,
  type Row,
  type SectionResult,
} from './report.ts'
import { chooseFile, ingestFile, openSegmentsPage, removeAllSources } from './segments-page.ts'

const GB = 1024 * 1024 * 1024
const HEAP_SAMPLE_MS = 100

interface IngestRun {
  ingestMs: number
  floorMs: number
  ratio: number
  longestTaskMs: number
}

async function ingestWithFloor(page: Page, file: IdsFile, timeoutMs: number): Promise<IngestRun> {
  const ingest = await ingestFile(page, file, timeoutMs)
  const floor = await measureBareParseInWorker(page, file.path)
  // The floor parses the header too; the file has one row per ID after it.
  if (floor.rows !== file.rows + 1) {
    throw new Error(`the bare parse read ${floor.rows} rows of ${file.name}, not ${file.rows + 1}`)
  }
  return {
    ingestMs: ingest.ms,
    floorMs: floor.durationMs,
    ratio: ingest.ms / floor.durationMs,
    longestTaskMs: ingest.longestTaskMs,
  }
}

interface CancelFigures {
  /** Click on Cancel (the input event's time) → the source card gone; null when not measured. */
  ms: number | null
  atPercent: number | null
  note: string | null
}

/** Starts reading `file`, clicks Cancel once about a third is read, and times its effect. */
export async function cancelReading(page: Page, file: IdsFile): Promise<CancelFigures> {
  const card = `article[aria-label="Source ${file.name}"]`
  await chooseFile(page, file.path)
  const percent = await page.waitForFunction(
    (card) => {
      const element = document.querySelector(card)
      if (element === null) return null
      const match = /\((\d+)%\)/.exec(element.textContent ?? '')
      if (match === null) return -1 // finished: no progress line any more
      const value = Number(match[1])
      return value >= 30 ? value : null
    },
    card,
    { polling: 20, timeout: 120_000 },
  )
  const atPercent = await percent.jsonValue()
  if (atPercent === null || atPercent < 0) {
    return { ms: null, atPercent: null, note: 'the file was read before Cancel could be clicked' }
  }
  await armClickTime(page, 'cancel', `${card} button`)
  await armWatch(page, 'cancelled', { selector: card, present: false })
  // On a busy machine a small file can finish between the progress check and the click.
  const clicked = await page
    .locator(card)
    .getByRole('button', { name: 'Cancel' })
    .click({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false)
  if (!clicked) {
    return { ms: null, atPercent: null, note: 'the file was read before Cancel could be clicked' }
  }
  const gone = await awaitWatch(page, 'cancelled', 60_000)
  return { ms: gone - (await clickTime(page, 'cancel')), atPercent, note: null }
}

function judged(smoke: boolean, met: boolean): boolean | undefined {
  return smoke ? undefined : met
}

/**
 * Issue items 1–3: ingest time next to the bare-parse floor (1M and 10M IDs), main-thread
 * responsiveness and Cancel during the large ingest, and the peak JS heap of page and worker.
 */
export async function measureSegmentIngest(context: BenchContext): Promise<SectionResult[]> {
  const { smoke, tmpDir, browser, consoleUrl } = context
  const load = currentLoad()
  const small = idsFile(tmpDir, smoke ? 50_000 : 1_000_000)
  const large = idsFile(tmpDir, smoke ? 50_000 : 10_000_000)
  // Even the smoke run needs a file that takes long enough to read for a Cancel to land in it.
  const cancelFile = idsFile(tmpDir, smoke ? 500_000 : 10_000_000)
  const repetitions = smoke ? 1 : 5

  // Small file: a fresh page, so the first run includes starting the worker, as a marketer's does.
  const smallContext = await browser.newContext()
  const smallRuns: IngestRun[] = []
  try {
    const page = await openSegmentsPage(smallContext, consoleUrl)
    for (let run = 0; run < repetitions; run++) {
      smallRuns.push(await ingestWithFloor(page, small, 120_000))
      await removeAllSources(page)
    }
  } finally {
    await smallContext.close()
  }

  // Large file: a fresh page again, the heap sampled from before the worker starts.
  const largeContext = await browser.newContext()
  let largeRun: IngestRun | null = null
  let largeError: string | null = null
  let heap: HeapPeaks | null = null
  let cancel: CancelFigures = { ms: null, atPercent: null, note: 'not reached' }
  try {
    const page = await openSegmentsPage(largeContext, consoleUrl)
    let crashed = false
    page.on('crash', () => {
      crashed = true
    })
    const sampler = await HeapSampler.attach(page)
    sampler.start(HEAP_SAMPLE_MS)
    try {
      largeRun = await ingestWithFloor(page, large, 180_000)
    } catch (error) {
      largeError = crashed ? 'the page crashed' : String(error)
    } finally {
      heap = await sampler.stop()
    }
    if (largeError === null) {
      await removeAllSources(page)
      cancel = await cancelReading(page, cancelFile)
    }
    await sampler.detach()
  } finally {
    await largeContext.close()
  }

  const smallMs = median(smallRuns.map((run) => run.ingestMs))
  const smallFloor = median(smallRuns.map((run) => run.floorMs))
  const smallRatio = median(smallRuns.map((run) => run.ratio))
  const smallLabel = `${small.rows.toLocaleString('en-US')} IDs`
  const largeLabel = `${large.rows.toLocaleString('en-US')} IDs`

  const ingestRows: Row[] = [
    {
      figure: `${smallLabel}: file → preview (median of ${smallRuns.length})`,
      value: formatMs(smallMs),
      reference: `bare parse ${formatMs(smallFloor)}; ratio ${formatRatio(smallRatio)} (median of each run's own ratio)`,
      target: '≤ 1.5 s and ≤ 2.5× floor',
      met: judged(smoke, smallMs <= 1_500 && smallRatio <= 2.5),
    },
    largeRun === null
      ? {
          figure: `${largeLabel}: file → preview`,
          value: `failed: ${largeError ?? 'unknown'}`,
          target: '≤ 15 s, no crash',
          met: judged(smoke, false),
        }
      : {
          figure: `${largeLabel}: file → preview`,
          value: formatMs(largeRun.ingestMs),
          reference: `bare parse ${formatMs(largeRun.floorMs)} → ${formatRatio(largeRun.ratio)}`,
          target: '≤ 15 s, no crash',
          met: judged(smoke, largeRun.ingestMs <= 15_000),
        },
  ]

  const longest = largeRun?.longestTaskMs ?? null
  const responsivenessRows: Row[] = [
    {
      figure: `Longest main-thread task, ${largeLabel}`,
      value: longest === null ? 'not measured' : longest === 0 ? 'none ≥ 50 ms' : formatMs(longest),
      reference: `${smallLabel}: ${formatMs(median(smallRuns.map((run) => run.longestTaskMs)))}`,
      target: '≤ 100 ms',
      met: longest === null ? undefined : judged(smoke, longest <= 100),
    },
    {
      figure: `Cancel → source gone (${cancelFile.rows.toLocaleString('en-US')} IDs)`,
      value: cancel.ms === null ? `not measured: ${cancel.note ?? ''}` : formatMs(cancel.ms),
      reference: cancel.atPercent === null ? '' : `clicked at ${cancel.atPercent} % read`,
      target: '≤ 200 ms',
      met: cancel.ms === null ? undefined : judged(smoke, cancel.ms <= 200),
    },
  ]

  const memoryRows: Row[] =
    heap === null
      ? [{ figure: 'Peak JS heap', value: 'not measured' }]
      : [
          {
            figure: `Peak JS heap, page + worker (${largeLabel})`,
            value: formatMb(heap.combinedUsed),
            reference: `page ${formatMb(heap.pageUsed)}, worker ${formatMb(heap.workerUsed)}`,
            target: '≤ 1.5 GB',
            met: judged(smoke, heap.combinedUsed <= 1.5 * GB),
          },
          {
            figure: 'Peak array buffers outside the heap',
            value: formatMb(heap.combinedBacking),
            reference: `${heap.samples} samples, every ${HEAP_SAMPLE_MS} ms`,
          },
        ]

  const notes = [
    'Ingest time is page time from setInputFiles to the preview status showing the final count; the floor is measureBareParse (bench/worker/bare-parse.ts) in a worker of the same page on the same file.',
  ]
  return [
    {
      key: 'segmentIngest',
      title: 'Segment ingest',
      loadAverage: load,
      figures: {
        small: { file: small, runs: smallRuns },
        large: { file: large, run: largeRun, error: largeError },
      },
      rows: ingestRows,
      notes,
    },
    {
      key: 'responsiveness',
      title: 'Main thread during ingest',
      loadAverage: load,
      figures: { longestTaskMs: longest, cancel: { file: cancelFile, ...cancel } },
      rows: responsivenessRows,
      notes: [],
    },
    {
      key: 'memory',
      title: 'Memory during ingest',
      loadAverage: load,
      figures: { heap, file: large },
      rows: memoryRows,
      notes: [],
    },
  ]
}
