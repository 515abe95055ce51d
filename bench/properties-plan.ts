import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import type { BenchContext } from './bench-context.ts'
import { addProbe, armClickTime, armWatch, awaitWatch, clickTime, longestTask } from './browser.ts'
import { propertiesFile, type PropertiesFile } from './inputs.ts'
import {
  currentLoad,
  formatMs,
  formatRatio,
  median,
  type Row,
  type SectionResult,
} from './report.ts'

// bench/ is its own TypeScript project (tsconfig.node.json), which cannot pull in files of the
// app's project, so the planner and the table reader are loaded at run time and typed here by
// the parts this file uses. A change to them shows up as a failing `npm run bench:smoke`.
interface PropertyRow {
  userId: string
  properties: Readonly<Record<string, string>>
}

interface PlannerModule {
  DEFAULT_BATCH_SIZE: number
  planRequests: (
    rows: readonly PropertyRow[],
    options: { batchSize: number },
  ) =>
    | {
        ok: true
        plan: {
          requests: unknown[]
          strategy: 'by-row' | 'by-pair' | 'by-column-group'
          groups: string[][]
          search: 'exact' | 'greedy'
          lowerBound: number
          byRowCount: number
          byPairCount: number
        }
      }
    | { ok: false; conflicts: unknown[] }
}

interface PropertyTableModule {
  defaultMapping: (columns: readonly string[], idColumn: number) => unknown
  analyseTable: (
    table: unknown,
    mapping: unknown,
    registered: ReadonlySet<string>,
  ) => { rows: PropertyRow[]; rowsUsed: number; problems: string[] }
}

interface TableReaderModule {
  readPropertyTable: (
    input: AsyncIterable<Uint8Array>,
    options: { name: string; totalBytes: number },
  ) => Promise<{ columns: string[]; suggestedIdColumn: number }>
}

async function importFromApp<T>(rootDir: string, path: string): Promise<T> {
  return (await import(pathToFileURL(join(rootDir, path)).href)) as T
}

/** Every way to split `items` into groups (Bell(n) of them; n is the number of columns here). */
function partitions<T>(items: readonly T[]): T[][][] {
  const [first, ...rest] = items
  if (first === undefined) return [[]]
  const result: T[][][] = []
  for (const partition of partitions(rest)) {
    result.push([[first], ...partition])
    partition.forEach((_, index) => {
      result.push(partition.map((group, at) => (at === index ? [first, ...group] : group)))
    })
  }
  return result
}

/**
 * A yardstick written apart from the planner: split the columns into groups and, per group, send
 * one request per distinct combination of values (up to the batch size). By-row is one group of
 * all columns, by-pair a group per column. Returns the fewest requests over all groupings, which
 * the planner's exact search (up to 10 columns) should match.
 */
function bestGroupingRequests(
  rows: readonly PropertyRow[],
  batchSize: number,
): { requests: number; groups: string[][] } {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row.properties)))]
  let best = { requests: Number.POSITIVE_INFINITY, groups: [] as string[][] }
  for (const groups of partitions(columns)) {
    let requests = 0
    for (const group of groups) {
      const users = new Map<string, number>()
      for (const row of rows) {
        let key = ''
        for (const column of group) {
          const value = row.properties[column]
          if (value !== undefined) key += `${column}\u0000${value}\u0001`
        }
        if (key !== '') users.set(key, (users.get(key) ?? 0) + 1)
      }
      for (const count of users.values()) requests += Math.ceil(count / batchSize)
    }
    if (requests < best.requests) best = { requests, groups }
  }
  return best
}

async function planInNode(file: PropertiesFile, rootDir: string, repetitions: number) {
  const { DEFAULT_BATCH_SIZE, planRequests } = await importFromApp<PlannerModule>(
    rootDir,
    'src/features/user-properties/domain/plan-requests.ts',
  )
  const { analyseTable, defaultMapping } = await importFromApp<PropertyTableModule>(
    rootDir,
    'src/features/user-properties/domain/property-table.ts',
  )
  const { readPropertyTable } = await importFromApp<TableReaderModule>(
    rootDir,
    'src/features/user-properties/worker/read-property-table.ts',
  )
  const registered = new Set(
    (
      JSON.parse(
        readFileSync(join(rootDir, 'server/sandbox/registered-attributes.json'), 'utf8'),
      ) as { registeredAttributes: string[] }
    ).registeredAttributes,
  )
  const readStarted = performance.now()
  const table = await readPropertyTable(createReadStream(file.path), {
    name: file.name,
    totalBytes: file.bytes,
  })
  const readMs = performance.now() - readStarted
  const mapping = defaultMapping(table.columns, table.suggestedIdColumn)
  const analyseStarted = performance.now()
  const analysis = analyseTable(table, mapping, registered)
  const analyseMs = performance.now() - analyseStarted
  if (analysis.problems.length > 0) throw new Error(analysis.problems.join(' '))
  const planMs: number[] = []
  let result = planRequests(analysis.rows, { batchSize: DEFAULT_BATCH_SIZE })
  for (let run = 0; run < repetitions; run++) {
    const started = performance.now()
    result = planRequests(analysis.rows, { batchSize: DEFAULT_BATCH_SIZE })
    planMs.push(performance.now() - started)
  }
  if (!result.ok) throw new Error(`the generated file has ${result.conflicts.length} conflicts`)
  const grouping = bestGroupingRequests(analysis.rows, DEFAULT_BATCH_SIZE)
  const { requests, strategy, groups, search, lowerBound, byRowCount, byPairCount } = result.plan
  return {
    readMs,
    analyseMs,
    planMs,
    rowsUsed: analysis.rowsUsed,
    requests: requests.length,
    strategy,
    groups,
    search,
    lowerBound,
    byRowCount,
    byPairCount,
    grouping,
  }
}

interface PageFigures {
  concurrency: string
  fileToPlanMs: number
  longestTaskMs: number
  plannedRequests: number
  sendMs: number
}

/** Drives the User properties page: import the registered attributes, drop the file, send. */
async function planAndSendInPage(
  page: Page,
  consoleUrl: string,
  rootDir: string,
  file: PropertiesFile,
): Promise<PageFigures> {
  await page.goto(`${consoleUrl}/settings`)
  await page.getByRole('button', { name: 'Use sandbox token' }).click()
  await page.getByText(/Signed in as/).waitFor()
  await page
    .getByLabel('Import registered attributes (JSON)')
    .setInputFiles(join(rootDir, 'server/sandbox/registered-attributes.json'))
  await page.getByText(/Imported 14 registered attributes/).waitFor()
  const concurrency = await page.getByLabel('Requests at once').inputValue()
  await page.getByRole('link', { name: 'User properties' }).click()
  await page.getByRole('tab', { name: 'Bulk update from a CSV' }).click()

  const rows = file.rows.toLocaleString('en-US')
  const start = await armWatch(page, 'plan', {
    selector: '[role="status"][aria-label="Plan"]',
    textIncludes: `${rows} rows →`,
    present: true,
    failSelector: '[role="alert"]',
  })
  await page.getByLabel('Properties CSV').setInputFiles(file.path)
  const planned = await awaitWatch(page, 'plan', 120_000)
  const planText = (await page.locator('[role="status"][aria-label="Plan"]').textContent()) ?? ''
  const plannedRequests = Number(/→ ([\d,]+) requests?/.exec(planText)?.[1]?.replaceAll(',', ''))

  await armClickTime(page, 'send', 'button')
  await armWatch(page, 'sent', {
    selector: 'section[aria-label="Update report"] [role="status"]',
    textIncludes: 'succeeded',
    present: true,
  })
  await page.getByRole('button', { name: 'Send updates' }).click()
  const sent = await awaitWatch(page, 'sent', 300_000)
  const report =
    (await page.locator('section[aria-label="Update report"] [role="status"]').textContent()) ?? ''
  const expected = `${plannedRequests.toLocaleString('en-US')} requests succeeded, 0 failed`
  if (!report.includes(expected)) throw new Error(`the send did not fully succeed: ${report}`)
  return {
    concurrency,
    fileToPlanMs: planned - start,
    longestTaskMs: await longestTask(page, start, planned),
    plannedRequests,
    sendMs: sent - (await clickTime(page, 'send')),
  }
}

/**
 * Issue item 5: planning update_user requests for a 200,000-row, 5-column properties CSV, in
 * Node with the planner module and through the User properties page, then sending the plan.
 */
export async function measurePropertiesPlan(context: BenchContext): Promise<SectionResult> {
  const { smoke, rootDir, tmpDir, browser, consoleUrl } = context
  const load = currentLoad()
  // The smoke run sends its whole plan too, so its file is smaller still: CI has a minute.
  const file = propertiesFile(tmpDir, smoke ? 20_000 : 200_000)
  const node = await planInNode(file, rootDir, smoke ? 1 : 3)
  const planMs = median(node.planMs)
  const ratio = node.requests / node.lowerBound
  const groups = node.groups.map((group) => `{${group.join(', ')}}`).join(' + ')
  const yardstick =
    node.grouping.requests === node.requests
      ? `the same as the best column grouping (${node.grouping.requests})`
      : `best column grouping ${node.grouping.requests}`

  let pageFigures: PageFigures | null = null
  let pageProblem: string | null = null
  const browserContext = await browser.newContext()
  try {
    const page = await browserContext.newPage()
    await addProbe(page)
    pageFigures = await planAndSendInPage(page, consoleUrl, rootDir, file)
  } catch (error) {
    pageProblem = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
  } finally {
    await browserContext.close()
  }

  const label = `${file.rows.toLocaleString('en-US')} rows × ${file.columns.length} columns`
  const rows: Row[] = [
    {
      figure: `${label}: planning (planner in Node, median)`,
      value: formatMs(planMs),
      reference: `reading ${formatMs(node.readMs)}, analysing ${formatMs(node.analyseMs)}`,
      target: '≤ 1 s',
      met: smoke ? undefined : planMs <= 1_000,
    },
    {
      figure: 'Requests planned / lower bound',
      value: `${node.requests} (${node.strategy}, ${node.search} search: ${groups}) / ${node.lowerBound}`,
      reference: `${formatRatio(ratio)}; by-row ${node.byRowCount}, by-pair ${node.byPairCount}; ${yardstick}`,
      target: '≤ 1.1× lower bound',
      met: smoke ? undefined : ratio <= 1.1,
    },
  ]
  if (pageFigures === null) {
    rows.push({
      figure: 'Page: file → plan shown; send at concurrency 4',
      value: `not measured: page not ready (${pageProblem ?? 'unknown'})`,
    })
  } else {
    const samePlan = pageFigures.plannedRequests === node.requests
    rows.push(
      {
        figure: 'Page: file → plan shown',
        value: formatMs(pageFigures.fileToPlanMs),
        reference: `${pageFigures.plannedRequests} requests${samePlan ? ', as in Node' : `, Node planned ${node.requests}`}; longest task ${formatMs(pageFigures.longestTaskMs)}`,
      },
      {
        figure: `Page: send the plan (concurrency ${pageFigures.concurrency})`,
        value: formatMs(pageFigures.sendMs),
        reference: `${pageFigures.plannedRequests} requests to the sandbox`,
      },
    )
  }
  return {
    key: 'propertiesPlan',
    title: 'Properties plan',
    loadAverage: load,
    figures: { file, node, page: pageFigures, pageProblem },
    rows,
    notes: [
      'The lower bound is the planner’s own (plan.lowerBound): the larger of the busiest column’s Σ ceil(users per value / batch) and a cells bound (the cells of some set of columns, divided by the most of them one request can write, given how many users share each combination). It holds for every exact plan, grouped by columns or not. "Best column grouping" is the benchmark’s own search over every split of the columns into groups, written apart from the planner.',
    ],
  }
}
