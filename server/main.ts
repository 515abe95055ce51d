import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { launchConsole, readConfigOrExit } from './launch.ts'

const config = readConfigOrExit()
const distDir = fileURLToPath(new URL('../dist/', import.meta.url))
if (!existsSync(`${distDir}index.html`)) {
  console.error(
    'The console has not been built yet (dist/index.html is missing). Run npm start, which builds it first, or npm run build.',
  )
  process.exit(1)
}
await launchConsole(config, { kind: 'static', root: distDir })
