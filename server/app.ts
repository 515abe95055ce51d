import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { MAX_GRANT_HOURS, type UpstreamTarget } from './config.ts'
import type { HistoryStore } from './history/history-store.ts'
import type { HistoryRecorder } from './history/recorder.ts'
import { SendGuard } from './history/send-guard.ts'
import { fanpassProbe, TokenChecker } from './history/token-check.ts'
import { historyHost } from './history/who.ts'
import { consoleConfigPlugin } from './plugins/console-config.ts'
import { errorsPlugin } from './plugins/errors.ts'
import { historyPlugin } from './plugins/history.ts'
import { proxyPlugin } from './plugins/proxy.ts'
import { sandboxRoutesPlugin } from './plugins/sandbox-routes.ts'
import { securityHeadersPlugin } from './plugins/security-headers.ts'
import { spaPlugin, type SpaSource } from './plugins/spa.ts'
import { upstreamPlugin, upstreamUrl } from './plugins/upstream.ts'

export { FORWARDED_API_PATHS } from './plugins/upstream.ts'
export type { DevMiddleware, SpaSource } from './plugins/spa.ts'

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

/**
 * The FanPass Console's HTTP server: the app's pages, the two forwarded FanPass endpoints,
 * the team history, GET /console/config and, against the built-in sandbox, its /__sandbox
 * routes; each a plugin under plugins/, registered in the order a request meets them.
 * Used by main.ts, dev.ts, the tests and the bench; it reads nothing from process.env and
 * listens nowhere (launch.ts starts and stops it).
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

  // The console parses no body of its own but the history's JSON (plugins/history.ts): forwarded
  // ones stream through, all others are ignored.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_request, _payload, done) => done(null))

  app.register(securityHeadersPlugin, { mode: spa?.kind === 'dev' ? 'dev' : 'built' })
  app.register(errorsPlugin)
  app.register(upstreamPlugin, {
    upstream,
    bodyLimitBytes,
    upstreamTimeoutMs,
    recorder: history?.recorder,
    sendGuard:
      history &&
      new SendGuard({
        store: history.store,
        scopeClaim: history.scopeClaim,
        historyHost: historyHost(upstream),
        warn: (fields, message) => app.log.warn(fields, message),
      }),
  })
  app.register(proxyPlugin)
  app.register(sandboxRoutesPlugin)
  if (history) {
    app.register(historyPlugin, {
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
  app.register(consoleConfigPlugin)
  app.register(spaPlugin, { spa })
  return app
}
