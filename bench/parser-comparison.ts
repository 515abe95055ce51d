import type { BenchContext } from './bench-context.ts'
import { measureBareParseInWorker } from './browser.ts'
import { currentLoad, formatMb, formatMs, formatRatio, median, type Row } from './report.ts'
import { openSegmentsPage } from './segments-page.ts'
import type { BareParseFigures, BareParser } from './worker/protocol.ts'

/** A file both parsers read: the bench's inputs say how many rows it holds after its header. */
export interface ComparedFile {
  label: string
  path: string
  rows: number
  bytes: number
}

const ROUNDS = 3

// What bench/worker/udsv-exactness.test.ts establishes (the bench cannot run it): PARSER_NOTE.
const EXACTNESS = 'exact on csv-spectrum + round trips: papaparse yes, uDSV no (see the note)'

/** The section note that says where uDSV is not exact, as udsv-exactness.test.ts pins it. */
export const PARSER_NOTE =
  'Bare parses: papaparse (the ingest floor) and uDSV 0.7.3 read the same File in the same 1M-character batches in one bench worker (bench/worker/bare-parse.ts, udsv-parse.ts), each row only counted. bench/worker/udsv-exactness.test.ts runs both on csv-spectrum and the fast-check round trip: papaparse is exact; uDSV reads csv-spectrum and three-column files exactly but drops a U+FEFF that starts a chunk, keeps only one row per chunk of a one-column file holding a quote, merges rows with fewer or more cells into their neighbours, drops blank lines between rows of several columns, cannot read a one-line file, and needs a CRLF whole in one chunk (the reader holds the CR back).'

interface FileComparison {
  file: ComparedFile
  papaparseMs: number[]
  udsvMs: number[]
  load: number
}

/** Both parses of `file` in the same worker, taking turns (papaparse first in the 1st and 3rd rounds). */
async function compareOn(
  measure: (path: string, parser: BareParser) => Promise<BareParseFigures>,
  file: ComparedFile,
): Promise<FileComparison> {
  const load = currentLoad()
  const times: Record<BareParser, number[]> = { papaparse: [], udsv: [] }
  for (let round = 0; round < ROUNDS; round++) {
    const order: BareParser[] = round % 2 === 0 ? ['papaparse', 'udsv'] : ['udsv', 'papaparse']
    for (const parser of order) {
      const figures = await measure(file.path, parser)
      // The header row counts: both read it as a row.
      if (figures.rows !== file.rows + 1) {
        throw new Error(
          `${parser} read ${figures.rows} rows of ${file.label}, not ${file.rows + 1}`,
        )
      }
      times[parser].push(figures.durationMs)
    }
  }
  return {
    file,
    papaparseMs: times.papaparse,
    udsvMs: times.udsv,
    load: Math.max(load, currentLoad()),
  }
}

/** One file's comparison, or why it failed. */
export type FileComparisonFigures = FileComparison | { file: ComparedFile; error: string }

function comparisonRow({ file, papaparseMs, udsvMs, load }: FileComparison): Row {
  // Each round's own ratio: the two parses of a round ran back to back, under the same load.
  const ratio = median(udsvMs.map((ms, round) => ms / (papaparseMs[round] ?? Number.NaN)))
  return {
    figure: `Bare parse, ${file.label} (${formatMb(file.bytes)}): papaparse | uDSV, median of ${ROUNDS} taking turns`,
    value: `${formatMs(median(papaparseMs))} | ${formatMs(median(udsvMs))}`,
    reference: `${ratio < 1 ? 'uDSV' : 'papaparse'} faster: uDSV takes ${formatRatio(ratio)} papaparse's time (median of each round's ratio); load ${load.toFixed(2)}; ${EXACTNESS}`,
  }
}

/**
 * papaparse's bare streaming parse (the ingest floor) beside uDSV's on each file, in one bench
 * worker of a Segments page, read from the same File in the same batches. A file whose
 * measurement fails is a row saying so; the others stand.
 */
export async function compareBareParsers(
  context: BenchContext,
  files: readonly ComparedFile[],
): Promise<{ rows: Row[]; figures: FileComparisonFigures[] }> {
  const browserContext = await context.browser.newContext()
  const rows: Row[] = []
  const figures: FileComparisonFigures[] = []
  try {
    const page = await openSegmentsPage(browserContext, context.consoleUrl)
    const measure = (path: string, parser: BareParser) =>
      measureBareParseInWorker(page, path, parser)
    for (const file of files) {
      try {
        const comparison = await compareOn(measure, file)
        figures.push(comparison)
        rows.push(comparisonRow(comparison))
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]
        figures.push({ file, error: message ?? 'failed' })
        rows.push({
          figure: `Bare parse, ${file.label}: papaparse | uDSV`,
          value: `failed: ${message}`,
        })
      }
    }
  } finally {
    await browserContext.close()
  }
  return { rows, figures }
}
