import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { BenchContext } from './bench-context.ts'
import { addProbe, armWatch, awaitWatch, HeapSampler, longestTask } from './browser.ts'
import type { IdsFile, PropertiesFile } from './inputs.ts'
import {
  currentLoad,
  formatMb,
  formatMs,
  formatRatio,
  type Row,
  type SectionResult,
} from './report.ts'
import { cancelReading } from './segment-ingest.ts'
import { ingestFile, openSegmentsPage, removeAllSources } from './segments-page.ts'
import { idsWorkbook, propertiesWorkbook, wideWorkbook } from './workbook-inputs.ts'

const GB = 1024 * 1024 * 1024

/** File chosen on the User properties page → the plan shown, for one file. */
async function fileToPlan(
  page: Page,
  file: PropertiesFile,
): Promise<{ ms: number; longestTaskMs: number }> {
  const rows = file.rows.toLocaleString('en-US')
  const input = page.getByLabel('Properties CSV')
  await input.setInputFiles([])
  const start = await armWatch(page, `plan-${file.name}`, {
    selector: '[role="status"][aria-label="Plan"]',
    textIncludes: `${rows} rows →`,
    present: true,
    failSelector: '[role="alert"]',
  })
  await input.setInputFiles(file.path)
  const end = await awaitWatch(page, `plan-${file.name}`, 180_000)
  return { ms: end - start, longestTaskMs: await longestTask(page, start, end) }
}

async function ingestPair(page: Page, pair: { csv: IdsFile; xlsx: IdsFile }) {
  const csv = await ingestFile(page, pair.csv, 180_000)
  await removeAllSources(page)
  const xlsx = await ingestFile(page, pair.xlsx, 180_000)
  await removeAllSources(page)
  return { csv, xlsx }
}

const judged = (smoke: boolean, met: boolean) => (smoke ? undefined : met)

/**
 * Workbooks next to the CSV of the same rows, in the same page and run: 100,000 × 10 and
 * Excel's 1,048,576 × 1 on the Segments page (with heap, longest task and Cancel for the large
 * one), and 200,000 × 5 in the bulk properties flow.
 */
export async function measureWorkbookIngest(context: BenchContext): Promise<SectionResult> {
  const { smoke, tmpDir, browser, consoleUrl, rootDir } = context
  const load = currentLoad()
  const wide = wideWorkbook(tmpDir, smoke ? 10_000 : 100_000)
  const tall = idsWorkbook(tmpDir, smoke ? 50_000 : 1_048_575)
  const properties = propertiesWorkbook(tmpDir, smoke ? 20_000 : 200_000)

  const segments = await browser.newContext()
  let wideRun, tallRun, cancel, heap
  try {
    const page = await openSegmentsPage(segments, consoleUrl)
    wideRun = await ingestPair(page, wide)
    const sampler = await HeapSampler.attach(page)
    sampler.start(100)
    try {
      tallRun = await ingestPair(page, tall)
    } finally {
      heap = await sampler.stop()
    }
    cancel = await cancelReading(page, tall.xlsx)
    await sampler.detach()
  } finally {
    await segments.close()
  }

  const propertiesContext = await browser.newContext()
  let plan
  try {
    const page = await propertiesContext.newPage()
    await addProbe(page)
    await page.goto(`${consoleUrl}/settings`)
    await page.getByRole('button', { name: 'Use sandbox token' }).click()
    await page.getByText(/Signed in as/).waitFor()
    await page
      .getByLabel('Import registered attributes (JSON)')
      .setInputFiles(join(rootDir, 'server/sandbox/registered-attributes.json'))
    await page.getByText(/Imported 14 registered attributes/).waitFor()
    await page.getByRole('link', { name: 'User properties' }).click()
    await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()
    const csv = await fileToPlan(page, properties.csv)
    const xlsx = await fileToPlan(page, properties.xlsx)
    plan = { csv, xlsx }
  } finally {
    await propertiesContext.close()
  }

  const size = (file: { bytes: number }) => formatMb(file.bytes)
  const versus = (xlsxMs: number, csvMs: number, csv: { bytes: number }) =>
    `CSV of the same rows (${size(csv)}) ${formatMs(csvMs)} → ${formatRatio(xlsxMs / csvMs)}`
  const wideLabel = `${wide.xlsx.rows.toLocaleString('en-US')} rows × 10 columns .xlsx (${size(wide.xlsx)})`
  const tallLabel = `${(tall.xlsx.rows + 1).toLocaleString('en-US')} rows × 1 column .xlsx (${size(tall.xlsx)})`
  const rows: Row[] = [
    {
      figure: `${wideLabel}: file → preview`,
      value: formatMs(wideRun.xlsx.ms),
      reference: versus(wideRun.xlsx.ms, wideRun.csv.ms, wide.csv),
      target: '≤ 2 s',
      met: judged(smoke, wideRun.xlsx.ms <= 2_000),
    },
    {
      figure: `${tallLabel}: file → preview`,
      value: formatMs(tallRun.xlsx.ms),
      reference: versus(tallRun.xlsx.ms, tallRun.csv.ms, tall.csv),
      target: '≤ 10 s',
      met: judged(smoke, tallRun.xlsx.ms <= 10_000),
    },
    {
      figure: 'Longest main-thread task, that .xlsx',
      value: formatMs(tallRun.xlsx.longestTaskMs),
      reference: `CSV: ${formatMs(tallRun.csv.longestTaskMs)}`,
      target: '≤ 100 ms',
      met: judged(smoke, tallRun.xlsx.longestTaskMs <= 100),
    },
    {
      figure: 'Peak JS heap of the worker (CSV and .xlsx read one after the other)',
      value: formatMb(heap.workerUsed),
      reference: `page ${formatMb(heap.pageUsed)}; array buffers ${formatMb(heap.combinedBacking)}`,
      target: '≤ 1 GB',
      met: judged(smoke, heap.workerUsed <= GB),
    },
    {
      figure: 'Cancel → source gone, that .xlsx',
      value: cancel.ms === null ? `not measured: ${cancel.note ?? ''}` : formatMs(cancel.ms),
      reference: cancel.atPercent === null ? '' : `clicked at ${cancel.atPercent} % read`,
      target: '≤ 200 ms',
      met: cancel.ms === null ? undefined : judged(smoke, cancel.ms <= 200),
    },
    {
      figure: `Properties: ${properties.xlsx.rows.toLocaleString('en-US')} rows × 5 columns .xlsx (${size(properties.xlsx)}): file → plan shown`,
      value: formatMs(plan.xlsx.ms),
      reference: `${versus(plan.xlsx.ms, plan.csv.ms, properties.csv)}; longest task ${formatMs(plan.xlsx.longestTaskMs)}`,
      target: '≤ 10 s, no task over 100 ms',
      met: judged(smoke, plan.xlsx.ms <= 10_000 && plan.xlsx.longestTaskMs <= 100),
    },
  ]
  return {
    key: 'workbookIngest',
    title: 'Workbooks',
    loadAverage: load,
    figures: {
      wide: { files: wide, runs: wideRun },
      tall: { files: tall, runs: tallRun },
      heap,
      cancel,
      properties: { files: properties, runs: plan },
    },
    rows,
    notes: [
      'Workbooks are written by bench/workbook-inputs.ts (Node zlib, sheet XML laid out as Excel does: numbers as number cells, text as shared strings) from the same rows as the CSV beside them.',
    ],
  }
}
