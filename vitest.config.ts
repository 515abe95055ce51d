import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const jsonReport = process.env.VITEST_JSON_REPORT

export default defineConfig({
  plugins: [react()],
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'server/**/*.test.ts',
      'bench/**/*.test.ts',
      'contracts/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./server/testing/pglite-template-setup.ts'],
    testTimeout: 30_000,
    // npm test (scripts/run-tests.ts) asks for a JSON report too, to name the failed tests last.
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    pool: 'forks',
    // Test files share their worker's loaded modules instead of each starting a process of its
    // own and importing Fastify, React and Mantine again: that start-up was about 0.6 s of CPU a
    // file, over half of the suite's time on CI's two cores. Every file leaves no global state
    // behind (the whole suite passes in this mode).
    isolate: false,
  },
})
