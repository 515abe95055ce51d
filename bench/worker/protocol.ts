// The bench worker's messages (bare-parse-worker.ts), shared by the worker and by the bench that
// drives it from Node: this file is in both TypeScript projects, so it imports nothing.

export type BareParser = 'papaparse' | 'udsv'

/** How deep byte-scan.ts reads: cells found, categorical columns coded, or every column coded. */
export type ByteScanDepth = 'scan' | 'categorical' | 'every'

/** Past this many distinct values a column counts as near-unique at the 'categorical' depth. */
export const CATEGORICAL_LIMIT = 65_536

export interface BareParseFigures {
  durationMs: number
  rows: number
  /** The delimiter the console would pick; null for one column. */
  delimiter: string | null
}

export interface ByteScanFigures {
  durationMs: number
  /** Rows read, the header counted. */
  rows: number
  /** Per column (as the header has them), the distinct values coded, -1 for a column not coded; none at the scan depth. */
  distinctValues: number[]
}

/** What the page asks: a bare parse with `parser`, or the byte scan at `byteScan` depth. */
export type BenchWorkerRequest =
  { file: File; parser: BareParser } | { file: File; byteScan: ByteScanDepth }

export type BenchWorkerAnswer = { figures: BareParseFigures | ByteScanFigures } | { error: string }
