import type { Page } from '@playwright/test'
import type { BenchContext } from './bench-context.ts'
import {
  armClickTime,
  armWatch,
  awaitWatch,
  clickTime,
  HeapSampler,
  longestTask,
  type HeapPeaks,
} from './browser.ts'
import { byteScanReference, byteScanRow, measureByteScanFloor } from './byte-scan-floor.ts'
import { idsFile } from './inputs.ts'
import {
  compareBareParsers,
  PARSER_NOTE,
  type ComparedFile,
  type FileComparisonFigures,
} from './parser-comparison.ts'
import {
  currentLoad,
  formatMb,
  formatMs,
  formatRatio,
  median,
  type Row,
  type SectionResult,
} from './report.ts'
import { chooseFile, openSegmentsPage } from './segments-page.ts'
import { ticketingCsv, ticketingXlsx, type TicketingFile } from './ticketing-inputs.ts'

const MB = 1024 * 1024
const SECTION = 'section[aria-labelledby^="keep-rows-"]'

/** File chosen → the card's "Keep rows where…" section shows its columns and "N of N rows kept". */
async function fileToCard(
  page: Page,
  file: TicketingFile,
  timeoutMs: number,
): Promise<{ ms: number; longestTaskMs: number }> {
  const start = await armWatch(page, `card-${file.name}`, {
    selector: SECTION,
    textIncludes: `of ${file.rows.toLocaleString('en-US')} rows kept`,
    present: true,
    failSelector: `article[aria-label="Source ${file.name}"] [role="alert"]`,
  })
  await chooseFile(page, file.path)
  const end = await awaitWatch(page, `card-${file.name}`, timeoutMs)
  return { ms: end - start, longestTaskMs: await longestTask(page, start, end) }
}

interface ConditionChange {
  label: string
  /** The click (its input event's time) → the condition list says the new counts. */
  ms: number
  longestTaskMs: number
}

/** Clicks `button` and times it until a condition line with `text` appears (or goes). */
async function timeChange(
  page: Page,
  label: string,
  click: () => Promise<void>,
  text: string,
  present: boolean,
): Promise<ConditionChange> {
  const key = `change-${label}`
  await armClickTime(page, key, `${SECTION} button`)
  await armWatch(page, key, { selector: `${SECTION} li`, textIncludes: text, present })
  await click()
  const end = await awaitWatch(page, key, 60_000)
  const start = await clickTime(page, key)
  return { label, ms: end - start, longestTaskMs: await longestTask(page, start, end) }
}

/** Adds and removes conditions on the card, as a marketer does, timing each count update. */
async function changeConditions(page: Page): Promise<ConditionChange[]> {
  const section = page.locator(SECTION)
  const add = section.getByRole('button', { name: 'Add condition' })
  const changes: ConditionChange[] = []

  await section.getByLabel('Column').selectOption('Plan Type')
  await section.getByRole('checkbox', { name: /^Full Season \(/ }).check()
  changes.push(
    await timeChange(
      page,
      'Plan Type is one of Full Season',
      () => add.click(),
      'Plan Type is one of Full Season — keeps',
      true,
    ),
  )

  await section.getByLabel('Column').selectOption('Seats')
  await section.getByLabel('Operator').selectOption('≥')
  await section.getByLabel('Value').fill('4')
  changes.push(
    await timeChange(page, 'and Seats ≥ 4', () => add.click(), 'Seats ≥ 4 — keeps', true),
  )

  await section.getByLabel('Column').selectOption('Last Purchase')
  await section.getByLabel('Operator').selectOption('is after')
  await section.getByLabel('Date').fill('2025-06-01')
  changes.push(
    await timeChange(
      page,
      'and Last Purchase is after 2025-06-01',
      () => add.click(),
      'Last Purchase is after 2025-06-01 — keeps',
      true,
    ),
  )

  changes.push(
    await timeChange(
      page,
      'remove Plan Type',
      () =>
        section
          .getByRole('button', { name: 'Remove the condition Plan Type is one of Full Season' })
          .click(),
      'Plan Type is one of Full Season',
      false,
    ),
  )
  return changes
}

/**
 * Signs in, splits the kept rows by Seat (30 values) and times "Upload 30 segments" (its click
 * event) → the confirmation offering "Replace 30 segments", every tag compared with the team's
 * last version.
 */
async function splitToConfirmation(page: Page, consoleUrl: string): Promise<ConditionChange> {
  const { token } = (await (await fetch(`${consoleUrl}/__sandbox/token`)).json()) as {
    token: string
  }
  await page.getByLabel('API token').fill(token)
  await page.getByLabel('API token').press('Enter')
  await page.getByLabel('One segment per value of', { exact: true }).selectOption('Seat')
  const upload = page.getByRole('button', { name: `Upload ${SPLIT_SEGMENTS} segments` })
  await upload.waitFor()
  const key = 'split-confirmation'
  await armClickTime(page, key, 'button[type="submit"]')
  await armWatch(page, key, {
    selector: '[role="dialog"] button[type="submit"]',
    textIncludes: `Replace ${SPLIT_SEGMENTS} segments`,
    present: true,
  })
  await upload.click()
  const end = await awaitWatch(page, key, 60_000)
  const start = await clickTime(page, key)
  return {
    label: `split into ${SPLIT_SEGMENTS} segments`,
    ms: end - start,
    longestTaskMs: await longestTask(page, start, end),
  }
}

/** The Seat column's values (bench/ticketing-inputs.ts): the split the issue asks to time. */
const SPLIT_SEGMENTS = 30

interface FileRun {
  card: { ms: number; longestTaskMs: number }
  changes: ConditionChange[]
  split: ConditionChange | null
  heap: HeapPeaks
  /** The worker's heap and array buffers after a full collection at the end. */
  live: { used: number; backing: number } | null
}

/** One file in a fresh browser context: file → card, then the condition changes, heap sampled. */
async function runFile(
  context: BenchContext,
  file: TicketingFile,
  timeoutMs: number,
  withChanges: boolean,
): Promise<FileRun> {
  const browserContext = await context.browser.newContext()
  try {
    const page = await openSegmentsPage(browserContext, context.consoleUrl)
    const sampler = await HeapSampler.attach(page)
    sampler.start(100)
    let heap: HeapPeaks
    let card: FileRun['card']
    let changes: ConditionChange[]
    let split: ConditionChange | null = null
    let live: FileRun['live'] = null
    try {
      card = await fileToCard(page, file, timeoutMs)
      changes = withChanges ? await changeConditions(page) : []
      if (withChanges) split = await splitToConfirmation(page, context.consoleUrl)
      live = await sampler.workerLive()
    } finally {
      heap = await sampler.stop()
      await sampler.detach()
    }
    return { card, changes, split, heap, live }
  } finally {
    await browserContext.close()
  }
}

/** The peaks a memory row adds up, and what of them was still live at the end. */
function memoryReference(run: FileRun): string {
  const { heap, live } = run
  const peaks = `peaks: worker heap ${formatMb(heap.workerUsed)}, array buffers ${formatMb(heap.combinedBacking)} (the worker's ${formatMb(heap.workerBacking)})`
  if (live === null) return peaks
  return `${peaks}; after a full collection at the end: heap ${formatMb(live.used)}, array buffers ${formatMb(live.backing)}`
}

const judged = (smoke: boolean, met: boolean) => (smoke ? undefined : met)
const fileLabel = (file: TicketingFile, kind: string) =>
  `${file.rows.toLocaleString('en-US')} rows × 20 columns ${kind} (${formatMb(file.bytes)})`
const failure = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed'

/**
 * The CSV's rows: file → card, the condition changes, the split, the worker's memory and the
 * longest main-thread task, in a fresh context (a failure is a row saying so). `card` is the file →
 * card row, null when it failed.
 */
async function csvRows(
  context: BenchContext,
  csv: TicketingFile,
  figures: Record<string, unknown>,
): Promise<{ rows: Row[]; card: Row | null; cardMs: number | null }> {
  const { smoke } = context
  const rows: Row[] = []
  let card: Row | null = null
  let cardMs: number | null = null
  try {
    const run = await runFile(context, csv, 120_000, true)
    figures.csvRun = run
    cardMs = run.card.ms
    const slowest = run.changes.reduce((worst, change) => (change.ms > worst.ms ? change : worst))
    const timed = [...run.changes, ...(run.split ? [run.split] : [])]
    const longest = Math.max(run.card.longestTaskMs, ...timed.map((c) => c.longestTaskMs))
    const memory = run.heap.workerUsed + run.heap.combinedBacking
    card = {
      figure: `${fileLabel(csv, 'CSV')}: file → card with each column's values`,
      value: formatMs(run.card.ms),
      target: '≤ 3 s',
      met: judged(smoke, run.card.ms <= 3_000),
    }
    rows.push(
      card,
      {
        figure: 'A condition changed → counts updated (slowest of 4 changes)',
        value: formatMs(slowest.ms),
        reference: run.changes.map((c) => `${c.label} ${formatMs(c.ms)}`).join('; '),
        target: '≤ 300 ms',
        met: judged(smoke, slowest.ms <= 300),
      },
      {
        figure: `Split by Seat into ${SPLIT_SEGMENTS} segments: "Upload" → the confirmation, each tag compared`,
        value: run.split ? formatMs(run.split.ms) : 'not reached',
        reference: 'after the conditions above; the team never sent these tags',
        target: '≤ 1 s',
        met: judged(smoke, run.split !== null && run.split.ms <= 1_000),
      },
      {
        figure: 'Worker memory for that file (peak JS heap + array buffers)',
        value: formatMb(memory),
        reference: `${memoryReference(run)}; page heap ${formatMb(run.heap.pageUsed)}`,
        target: '≤ 400 MB',
        met: judged(smoke, memory <= 400 * MB),
      },
      {
        figure: 'Longest main-thread task (file → card, the changes and the split)',
        value: formatMs(longest),
        target: '≤ 100 ms',
        met: judged(smoke, longest <= 100),
      },
    )
  } catch (error) {
    figures.csvError = failure(error)
    rows.push({
      figure: `${fileLabel(csv, 'CSV')}: file → card`,
      value: `failed: ${failure(error)}`,
    })
  }

  return { rows, card, cardMs }
}

/**
 * The .xlsx twin's rows: file → card and the worker's memory, in a fresh context (a failure is a
 * row saying so). Its run and any failure go into `figures`.
 */
async function xlsxRows(
  context: BenchContext,
  xlsx: TicketingFile,
  figures: Record<string, unknown>,
): Promise<Row[]> {
  const { smoke } = context
  try {
    const run = await runFile(context, xlsx, 600_000, false)
    figures.xlsxRun = run
    const memory = run.heap.workerUsed + run.heap.combinedBacking
    return [
      {
        figure: `${fileLabel(xlsx, '.xlsx')}: file → card with each column's values`,
        value: formatMs(run.card.ms),
        reference: `longest main-thread task ${formatMs(run.card.longestTaskMs)}`,
      },
      {
        figure: 'Worker memory for that .xlsx (peak JS heap + array buffers)',
        value: formatMb(memory),
        reference: memoryReference(run),
        target: '≤ 400 MB',
        met: judged(smoke, memory <= 400 * MB),
      },
    ]
  } catch (error) {
    figures.xlsxError = failure(error)
    return [
      { figure: `${fileLabel(xlsx, '.xlsx')}: file → card`, value: `failed: ${failure(error)}` },
    ]
  }
}

/**
 * The house rule: a figure beside its floor from the same run. The card's floor is papaparse's
 * bare parse of the same file, already measured by the parser comparison (never twice).
 */
function putFloor(
  part: { card: Row | null; cardMs: number | null },
  comparison: FileComparisonFigures | undefined,
): void {
  if (part.card === null || part.cardMs === null) return
  if (comparison === undefined || !('papaparseMs' in comparison)) {
    part.card.reference = 'bare parse not measured'
    return
  }
  const floorMs = median(comparison.papaparseMs)
  part.card.reference = `bare parse ${formatMs(floorMs)} (papaparse, the same file, this run) → ${formatRatio(part.cardMs / floorMs)}`
}

/** The export as the parser comparison and the lower bound name it. */
const comparedCsv = (csv: TicketingFile): ComparedFile => ({
  label: `${csv.rows.toLocaleString('en-US')} rows × 20 columns CSV`,
  ...csv,
})

/**
 * The CSV card's lower bound on this machine (bench/byte-scan-floor.ts) as a row, also put beside
 * the card; a failure is a row saying so.
 */
async function lowerBoundRow(
  context: BenchContext,
  csv: TicketingFile,
  part: { card: Row | null },
  figures: Record<string, unknown>,
): Promise<Row> {
  const file = comparedCsv(csv)
  try {
    const floor = await measureByteScanFloor(context, file)
    figures.byteScan = floor
    if (part.card !== null) {
      part.card.reference = [part.card.reference, byteScanReference(floor)]
        .filter((said) => said !== undefined)
        .join('; ')
    }
    return byteScanRow(file, floor)
  } catch (error) {
    figures.byteScanError = failure(error)
    return {
      figure: 'Lower bound: the tightest reader we could write',
      value: `failed: ${failure(error)}`,
    }
  }
}

/**
 * "Keep rows where…" on the ticketing export (1,000,000 rows × 20 columns; smoke: 20,000):
 * the CSV's file → card, condition changes → counts, the worker's heap and the longest main-thread
 * task, a split into 30 segments up to its confirmation, then the same rows as an .xlsx (file → card and heap). A failure of one file is a row
 * saying so; the other's rows stand. Last, papaparse's bare parse beside uDSV's on the CSV and on
 * the one-column ID file of the same size (bench/parser-comparison.ts), and the CSV card's lower
 * bound (bench/byte-scan-floor.ts).
 */
export async function measureKeepRows(context: BenchContext): Promise<SectionResult> {
  const { smoke, tmpDir } = context
  const load = currentLoad()
  const rows = smoke ? 20_000 : 1_000_000
  const csv = ticketingCsv(tmpDir, rows)
  const xlsx = ticketingXlsx(tmpDir, smoke ? 5_000 : rows)
  const table: Row[] = []
  const figures: Record<string, unknown> = { csv, xlsx }

  const csvPart = await csvRows(context, csv, figures)
  table.push(...csvPart.rows)

  table.push(...(await xlsxRows(context, xlsx, figures)))

  // The issue asks which parser wins on this export and on today's one-column ID file.
  try {
    const ids = idsFile(tmpDir, smoke ? 50_000 : 1_000_000)
    const comparison = await compareBareParsers(context, [
      comparedCsv(csv),
      { label: `${ids.rows.toLocaleString('en-US')} IDs, one column`, ...ids },
    ])
    figures.parsers = comparison.figures
    putFloor(csvPart, comparison.figures[0])
    table.push(...comparison.rows)
  } catch (error) {
    figures.parsersError = failure(error)
    putFloor(csvPart, undefined)
    table.push({ figure: 'Bare parse: papaparse | uDSV', value: `failed: ${failure(error)}` })
  }
  table.push(await lowerBoundRow(context, csv, csvPart, figures))

  return {
    key: 'keepRows',
    title: 'Keep rows where… (ticketing export)',
    loadAverage: load,
    figures,
    rows: table,
    notes: [
      'The export is written by bench/ticketing-inputs.ts (20 columns: 4 plans, 40 sections, 8 seat counts, 700 days of dates, a near-unique email per account and a unique ticket ID per row; tickets held by 80 % as many accounts) and cached in bench/tmp with its .xlsx twin.',
      PARSER_NOTE,
    ],
  }
}

/**
 * The CSV alone (`--only=keepRowsCsv`, never part of a full run): its rows as measureKeepRows has
 * them, the card beside papaparse's bare parse of the same file (its side of the comparison
 * only) and its lower bound, for work on the CSV path without the .xlsx twin's minutes.
 */
export async function measureKeepRowsCsv(context: BenchContext): Promise<SectionResult> {
  const load = currentLoad()
  const csv = ticketingCsv(context.tmpDir, context.smoke ? 20_000 : 1_000_000)
  const figures: Record<string, unknown> = { csv }
  const part = await csvRows(context, csv, figures)
  try {
    const comparison = await compareBareParsers(context, [comparedCsv(csv)])
    figures.parsers = comparison.figures
    putFloor(part, comparison.figures[0])
  } catch (error) {
    figures.parsersError = failure(error)
    putFloor(part, undefined)
  }
  const lowerBound = await lowerBoundRow(context, csv, part, figures)
  return {
    key: 'keepRowsCsv',
    title: 'Keep rows where… (ticketing export as CSV)',
    loadAverage: load,
    figures,
    rows: [...part.rows, lowerBound],
    notes: [],
  }
}

/**
 * The .xlsx twin alone (`--only=keepRowsXlsx`, never part of a full run): its file → card and
 * worker memory, for work on the workbook reader without the CSV's and the parsers' minutes.
 */
export async function measureKeepRowsXlsx(context: BenchContext): Promise<SectionResult> {
  const load = currentLoad()
  const xlsx = ticketingXlsx(context.tmpDir, context.smoke ? 5_000 : 1_000_000)
  const figures: Record<string, unknown> = { xlsx }
  return {
    key: 'keepRowsXlsx',
    title: 'Keep rows where… (ticketing export as .xlsx)',
    loadAverage: load,
    figures,
    rows: await xlsxRows(context, xlsx, figures),
    notes: [],
  }
}
