import { fileURLToPath } from 'node:url'
import { createServer as createViteServer } from 'vite'
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

const projectRoot = fileURLToPath(new URL('..', import.meta.url))

// Same server, same forwarding rules as `npm start`; only the pages come from Vite, with hot reload.
await launchConsole(readConfigOrExit(), {
  kind: 'dev',
  createMiddleware: async (httpServer) => {
    const vite = await createViteServer({
      root: projectRoot,
      appType: 'spa',
      // HMR's websocket shares the console's port instead of opening another one.
      server: { middlewareMode: true, hmr: { server: httpServer } },
    })
    return { handle: vite.middlewares, close: () => vite.close() }
  },
})
