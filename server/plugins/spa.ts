import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { sendConsoleError } from '../console-errors.ts'
import { pageHtml } from '../page-preloads.ts'
import { isReservedPath, pathOf } from './reserved-paths.ts'

export interface DevMiddleware {
  handle: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void
  close: () => Promise<void>
}

export type SpaSource =
  /** The built app in `root` (dist/), with index.html for every unknown page path. */
  | { kind: 'static'; root: string }
  /** Vite's dev middleware, created once the HTTP server exists so HMR can share its port. */
  | { kind: 'dev'; createMiddleware: (server: Server) => Promise<DevMiddleware> }

/**
 * The app's pages (the built files, or Vite's dev middleware), and the answer to every path
 * nothing else serves: a page path gets the app, a reserved one (/api, /console, /__sandbox)
 * or any other method gets a sentence. Wrapped with fastify-plugin: the not-found handler is the root's.
 */
export const spaPlugin = fp<{ spa: SpaSource | undefined }>(
  async (app, { spa }) => {
    let devMiddleware: DevMiddleware | undefined
    if (spa?.kind === 'static') {
      await app.register(fastifyStatic, {
        root: spa.root,
        wildcard: true,
        setHeaders(reply, filePath) {
          // Vite puts a content hash in every asset name, so assets never change under one URL.
          const immutable = /[\\/]assets[\\/]/.test(filePath)
          reply.header(
            'cache-control',
            immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          )
        },
      })
    } else if (spa?.kind === 'dev') {
      devMiddleware = await spa.createMiddleware(app.server)
      const middleware = devMiddleware
      app.addHook('onClose', async () => {
        await middleware.close()
      })
    }

    app.setNotFoundHandler((request, reply) => {
      const path = pathOf(request.raw.url)
      const isPageRequest =
        (request.method === 'GET' || request.method === 'HEAD') && !isReservedPath(path)
      if (isPageRequest && spa?.kind === 'static') {
        return pageHtml(spa.root, path).then((html) =>
          reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html),
        )
      }
      if (isPageRequest && devMiddleware) {
        const middleware = devMiddleware
        // The security headers the onRequest hook set on the reply go out with Vite's answer.
        const headers = reply.getHeaders()
        reply.hijack()
        for (const [name, value] of Object.entries(headers)) {
          if (value !== undefined) reply.raw.setHeader(name, value)
        }
        middleware.handle(request.raw, reply.raw, () => {
          reply.raw.statusCode = 404
          reply.raw.end()
        })
        return reply
      }
      return sendConsoleError(reply, 404, `There is nothing at ${request.method} ${path}.`)
    })
  },
  { name: 'spa' },
)
