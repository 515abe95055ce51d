import { defineConfig } from 'vite'

/** The bench's worker (bench/worker/bare-parse-worker.ts), built beside the console it measures. */
export const BENCH_WORKER_FILE = 'bench-bare-parse-worker.js'

export default defineConfig({
  build: {
    target: 'es2022',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: 'bench/worker/bare-parse-worker.ts',
      formats: ['es'],
      fileName: () => BENCH_WORKER_FILE,
    },
  },
})
