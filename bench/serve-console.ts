// The console exactly as server/main.ts starts it, but serving the benchmark's own build
// (bench/tmp/dist), so a benchmark run never rebuilds the dist/ an e2e run may be serving.
import { launchConsole, readConfigOrExit } from '../server/launch.ts'

const root = process.env.BENCH_DIST_DIR
if (!root) {
  console.error('BENCH_DIST_DIR is not set: start the benchmark with npm run bench.')
  process.exit(1)
}
await launchConsole(readConfigOrExit(), { kind: 'static', root })
