import { fileURLToPath } from 'node:url'
import { createServer as createViteServer } from 'vite'
import { launchConsole, readConfigOrExit } from './launch.ts'

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
