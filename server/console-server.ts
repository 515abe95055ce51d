import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http'
import https from 'node:https'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MAX_GRANT_HOURS, type UpstreamTarget } from './config.ts'
import { consoleErrorSentences, sendConsoleError } from './console-errors.ts'
import { discardRestOfBody, forwardRequest } from './forward-request.ts'
import { registerHistoryRoutes } from './history/history-routes.ts'
import type { HistoryStore } from './history/history-store.ts'
import type { HistoryRecorder } from './history/recorder.ts'
import { fanpassProbe, TokenChecker } from './history/token-check.ts'
import { historyHost } from './history/who.ts'
import { pageHtml } from './page-preloads.ts'
import { securityHeaders } from './security-headers.ts'

/** The only two FanPass endpoints the console forwards. */
export const FORWARDED_API_PATHS = ['/api/v1/segments', '/api/v1/update_user'] as const

export interface DevMiddleware {
  handle: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void
  close: () => Promise<void>
}

export type SpaSource =
  /** The built app in `root` (dist/), with index.html for every unknown page path. */
  | { kind: 'static'; root: string }
  /** Vite's dev middleware, created once the HTTP server exists so HMR can share its port. */
  | { kind: 'dev'; createMiddleware: (server: Server) => Promise<DevMiddleware> }

export interface ConsoleLoggerOptions {
  level?: string
  /** Where log lines go (stdout when omitted); tests pass a stream to read them back. */
  stream?: { write(line: string): void }
}

export interface ConsoleServerOptions {
  upstream: { url: URL; target: UpstreamTarget }
  bodyLimitBytes: number
  upstreamTimeoutMs: number
  /** Omitted: serve no pages, only /api, /console and /__sandbox. */
  spa?: SpaSource
  logger?: ConsoleLoggerOptions | false
  /** The team history: omitted, requests are forwarded without being recorded. */
  history?: ConsoleHistoryOptions
}

export interface ConsoleHistoryOptions {
  store: () => Promise<HistoryStore>
  recorder: HistoryRecorder
  keepLists: number
  scopeClaim: string | undefined
  /** HISTORY_GRANT_HOURS; omitted: the longest, 12. */
  grantHours?: number
}

// Belt and braces: Fastify's serializers leave headers out, and these paths keep the token
// out even if someone logs a request or its headers later.
const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.headers.authorization',
]

const RESERVED_PREFIXES = ['/api', '/console', '/__sandbox']

function pathOf(rawUrl: string | undefined): string {
  const url = rawUrl ?? '/'
  const queryStart = url.indexOf('?')
  return queryStart === -1 ? url : url.slice(0, queryStart)
}

function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}

/** The request headers FanPass needs; everything else (Host, Cookie, X-Forwarded-*, hop-by-hop) stays behind. */
function forwardedHeaders(
  request: FastifyRequest,
  withAuthorization: boolean,
): OutgoingHttpHeaders {
  const incoming = request.headers
  const headers: OutgoingHttpHeaders = { 'x-correlation-id': randomUUID() }
  if (withAuthorization && incoming.authorization !== undefined) {
    headers.authorization = incoming.authorization
  }
  if (incoming['content-type'] !== undefined) headers['content-type'] = incoming['content-type']
  if (incoming.accept !== undefined) headers.accept = incoming.accept
  if (incoming['content-length'] !== undefined) {
    headers['content-length'] = incoming['content-length']
  } else if (incoming['transfer-encoding'] !== undefined) {
    headers['transfer-encoding'] = 'chunked'
  }
  return headers
}

/** A sandbox inspection path safe to pass on as-is: '/__sandbox/…' with no dot or empty segments. */
function safeSandboxPath(rawUrl: string | undefined): string | undefined {
  const path = pathOf(rawUrl)
  if (!path.startsWith('/__sandbox/')) return undefined
  if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]+$/.test(path)) return undefined
  // Segments are passed on still encoded, so an encoded slash inside a user ID is fine; an
  // empty segment ('//') or one that decodes to a dot segment is not.
  const hasOddSegment = path
    .split('/')
    .slice(1)
    .some((segment) => {
      if (segment === '') return true
      try {
        const pieces = decodeURIComponent(segment).split(/[\\/]/)
        return pieces.some((piece) => piece === '.' || piece === '..')
      } catch {
        return true
      }
    })
  return hasOddSegment ? undefined : path
}

/** An upstream URL: the configured base (with any base path) and a path fixed by the console. */
function upstreamUrl(base: URL, path: string): URL {
  const url = new URL(base.href)
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`
  url.search = ''
  url.hash = ''
  return url
}

/**
 * The FanPass Console's HTTP server: the app's pages, the two forwarded FanPass endpoints,
 * GET /console/config and, against the built-in sandbox, its /__sandbox routes.
 * Used by main.ts, dev.ts and the tests; it reads nothing from process.env.
 */
export function buildConsoleServer(options: ConsoleServerOptions): FastifyInstance {
  const { upstream, bodyLimitBytes, upstreamTimeoutMs, spa, history } = options
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.logger?.level ?? 'info',
            ...(options.logger?.stream ? { stream: options.logger.stream } : {}),
            redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          },
    // Uploads of hundreds of MB over a slow line must not be cut off by Node's 5-minute default.
    requestTimeout: 0,
  })

  const headers = securityHeaders(spa?.kind === 'dev' ? 'dev' : 'built')
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers)
  })

  const agent =
    upstream.url.protocol === 'https:'
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true })
  app.addHook('onClose', async () => {
    agent.destroy()
  })

  // The console never parses a body: forwarded ones stream through, all others are ignored.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_request, _payload, done) => done(null))

  const forwardTo = async (path: string, request: FastifyRequest, reply: FastifyReply) => {
    const declaredLength = Number(request.headers['content-length'] ?? 0)
    if (declaredLength > bodyLimitBytes) {
      discardRestOfBody(request.raw)
      return sendConsoleError(reply, 413, consoleErrorSentences.tooLarge(bodyLimitBytes))
    }
    const isApi = path.startsWith('/api/')
    const jobHeader = request.headers['x-console-job-id']
    const observer =
      history && isApi
        ? history.recorder.tap(
            path as (typeof FORWARDED_API_PATHS)[number],
            request.headers.authorization,
            typeof jobHeader === 'string' ? jobHeader : undefined,
          )
        : undefined
    await forwardRequest(request, reply, {
      observer,
      url: upstreamUrl(upstream.url, path),
      method: isApi ? 'POST' : request.method,
      headers: forwardedHeaders(request, isApi),
      bodyLimitBytes,
      timeoutMs: upstreamTimeoutMs,
      agent,
    })
    return reply
  }

  for (const path of FORWARDED_API_PATHS) {
    app.post(path, (request, reply) => forwardTo(path, request, reply))
  }
  const notForwarded = async (_request: FastifyRequest, reply: FastifyReply) =>
    sendConsoleError(reply, 404, consoleErrorSentences.notForwarded)
  app.all('/api', notForwarded)
  app.all('/api/*', notForwarded)

  const sandboxRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    if (upstream.target !== 'sandbox') {
      return sendConsoleError(reply, 404, consoleErrorSentences.sandboxOnly)
    }
    const path = safeSandboxPath(request.raw.url)
    if (!path) {
      return sendConsoleError(
        reply,
        404,
        `There is no sandbox route at ${pathOf(request.raw.url)}.`,
      )
    }
    return forwardTo(path, request, reply)
  }
  app.all('/__sandbox', sandboxRoute)
  app.all('/__sandbox/*', sandboxRoute)

  if (history) {
    registerHistoryRoutes(app, {
      store: history.store,
      tokens: new TokenChecker({
        store: history.store,
        sendProbe: fanpassProbe(upstreamUrl(upstream.url, '/api/v1/update_user')),
        scopeClaim: history.scopeClaim,
        fanpassHost: historyHost(upstream),
        grantHours: history.grantHours ?? MAX_GRANT_HOURS,
        calibrate: upstream.target !== 'sandbox',
        warn: (fields, message) => app.log.warn(fields, message),
      }),
      keepLists: history.keepLists,
      fanpassHost: upstream.url.host,
      scopeClaim: history.scopeClaim,
      bodyLimitBytes,
    })
  }

  app.get('/console/config', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { target: upstream.target, host: upstream.url.host }
  })

  let devMiddleware: DevMiddleware | undefined
  if (spa?.kind === 'static') {
    app.register(fastifyStatic, {
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
    app.register(async () => {
      devMiddleware = await spa.createMiddleware(app.server)
    })
    app.addHook('onClose', async () => {
      await devMiddleware?.close()
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
      reply.hijack()
      for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value)
      middleware.handle(request.raw, reply.raw, () => {
        reply.raw.statusCode = 404
        reply.raw.end()
      })
      return reply
    }
    return sendConsoleError(reply, 404, `There is nothing at ${request.method} ${path}.`)
  })

  return app
}
