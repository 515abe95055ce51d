import type { BenchContext } from './bench-context.ts'
import { measureByteScanInWorker } from './browser.ts'
import type { ComparedFile } from './parser-comparison.ts'
import { currentLoad, formatMs, median, type Row } from './report.ts'
import { openSegmentsPage } from './segments-page.ts'
import { CATEGORICAL_LIMIT, type ByteScanDepth } from './worker/protocol.ts'

const ROUNDS = 3
const DEPTHS: readonly ByteScanDepth[] = ['scan', 'categorical', 'every']

/** Each depth's times over the rounds, and the distinct values its 'every' reading coded. */
export interface ByteScanFloor {
  ms: Record<ByteScanDepth, number[]>
  distinctValues: number[]
  load: number
}

/**
 * The CSV card's lower bound (bench/worker/byte-scan.ts) on `file`, each depth read ROUNDS times
 * in one bench worker of a Segments page, the depths taking turns.
 */
export async function measureByteScanFloor(
  context: BenchContext,
  file: ComparedFile,
): Promise<ByteScanFloor> {
  const browserContext = await context.browser.newContext()
  const load = currentLoad()
  const ms: Record<ByteScanDepth, number[]> = { scan: [], categorical: [], every: [] }
  let distinctValues: number[] = []
  try {
    const page = await openSegmentsPage(browserContext, context.consoleUrl)
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? DEPTHS : [...DEPTHS].reverse()
      for (const depth of order) {
        const figures = await measureByteScanInWorker(page, file.path, depth)
        // The header row counts: the scan reads it as a row.
        if (figures.rows !== file.rows + 1) {
          throw new Error(
            `the byte scan (${depth}) read ${figures.rows} rows of ${file.label}, not ${file.rows + 1}`,
          )
        }
        ms[depth].push(figures.durationMs)
        if (depth === 'every') distinctValues = figures.distinctValues
      }
    }
  } finally {
    await browserContext.close()
  }
  return { ms, distinctValues, load: Math.max(load, currentLoad()) }
}

/** e.g. [570754, 1000001] → "2 near-unique columns (570,754, 1,000,001 distinct values)" */
function nearUniqueSaid(counts: readonly number[]): string {
  if (counts.length === 0) return 'no near-unique column'
  const listed = counts.map((count) => count.toLocaleString('en-US')).join(', ')
  return `${counts.length} near-unique column${counts.length === 1 ? '' : 's'} (${listed} distinct values)`
}

/** The row beside the card: what the tightest reader takes at each depth. */
export function byteScanRow(file: ComparedFile, floor: ByteScanFloor): Row {
  const nearUniqueCounts = floor.distinctValues.filter((count) => count > CATEGORICAL_LIMIT)
  const nearUnique = nearUniqueCounts.length
  return {
    figure: `Lower bound: the tightest reader we could write (bench only, bytes, no quotes), ${file.label}: cells found | ${floor.distinctValues.length - nearUnique} categorical columns coded | every column coded, median of ${ROUNDS}`,
    value: DEPTHS.map((depth) => formatMs(median(floor.ms[depth]))).join(' | '),
    reference: `the card's target is ≤ 3 s; ${nearUniqueSaid(nearUniqueCounts)}; load ${floor.load.toFixed(2)}`,
  }
}

/** The card's lower bound beside it: the byte scan coding every column, as the card must. */
export function byteScanReference(floor: ByteScanFloor): string {
  return `tightest reader coding every column ${formatMs(median(floor.ms.every))}`
}
