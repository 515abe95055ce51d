import type { Browser } from '@playwright/test'

/** What every measurement module gets from bench/run.ts. */
export interface BenchContext {
  /** CI's small form: 50,000-row inputs, one repetition, targets reported but not judged. */
  smoke: boolean
  rootDir: string
  /** bench/tmp: generated inputs and the benchmark's own build. */
  tmpDir: string
  /** The console build the servers serve (bench/tmp/dist). */
  distDir: string
  browser: Browser
  /** The console against its built-in sandbox, as `npm start` runs it. */
  consoleUrl: string
}
