import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ServerConfig } from './config.ts'
import { readServerConfig, ServerConfigError } from './config.ts'
import { launchConsole } from './launch.ts'

function readConfigOrExit(): ServerConfig {
  try {
    return readServerConfig(process.env)
  } catch (error) {
    if (!(error instanceof ServerConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

const config = readConfigOrExit()
const distDir = fileURLToPath(new URL('../dist/', import.meta.url))
if (!existsSync(`${distDir}index.html`)) {
  console.error(
    'The console has not been built yet (dist/index.html is missing). Run npm start, which builds it first, or npm run build.',
  )
  process.exit(1)
}
await launchConsole(config, { kind: 'static', root: distDir })
