import { randomUUID } from 'node:crypto'
import Fastify, { LogController } from 'fastify'
import type { FastifyInstance } from 'fastify'
import { MAX_GRANT_HOURS, type UpstreamTarget } from './config.ts'
import { sendConsoleError } from './console-errors.ts'
import type { HistoryStore } from './history/history-store.ts'
import type { HistoryRecorder } from './history/recorder.ts'
import { SendGuard } from './history/send-guard.ts'
import { fanpassProbe, TokenChecker } from './history/token-check.ts'
import { historyHost } from './history/who.ts'
import { ConsoleMetrics } from './operations/console-metrics.ts'
import { RecordingGate } from './operations/recording-gate.ts'
import { accessLogPlugin } from './plugins/access-log.ts'
import { connectionLimitsPlugin, type ConnectionLimits } from './plugins/connection-limits.ts'
import { consoleConfigPlugin } from './plugins/console-config.ts'
import { errorsPlugin } from './plugins/errors.ts'
import { healthPlugin } from './plugins/health.ts'
import { historyPlugin } from './plugins/history.ts'
import { metricsPlugin } from './plugins/metrics.ts'
import { proxyPlugin } from './plugins/proxy.ts'
import { sandboxRoutesPlugin } from './plugins/sandbox-routes.ts'
import { securityHeadersPlugin } from './plugins/security-headers.ts'
import { spaPlugin, type SpaSource } from './plugins/spa.ts'
import { upstreamPlugin, upstreamUrl } from './plugins/upstream.ts'
import { securityHeaders } from './security-headers.ts'

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
  /** Limits and the operator's endpoints; omitted, the defaults below. */
  operations?: Partial<OperationsOptions>
}

export interface OperationsOptions extends ConnectionLimits {
  /** Serve GET /metrics (METRICS=1). */
  metrics: boolean
  /** DATA_DIR: /readyz checks it can be written, /metrics counts pending and dead-lettered records. */
  dataDir: string | undefined
  /** Uploads recorded at once; more are forwarded without being recorded. */
  maxRecordedUploads: number
  /** What spool/ and pending/ may hold; past it, uploads are forwarded without being recorded. */
  spoolBudgetBytes: number
}

export const DEFAULT_OPERATIONS: OperationsOptions = {
  metrics: false,
  dataDir: undefined,
  headersTimeoutMs: 30_000,
  bodyIdleTimeoutMs: 60_000,
  minBodyBytesPerSecond: 512,
  maxRecordedUploads: 32,
  spoolBudgetBytes: 2 * 1024 * 1024 * 1024,
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
  const operations = { ...DEFAULT_OPERATIONS, ...options.operations }
  const securityMode = spa?.kind === 'dev' ? 'dev' : 'built'
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.logger?.level ?? 'info',
            ...(options.logger?.stream ? { stream: options.logger.stream } : {}),
            redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          },
    // Uploads of hundreds of MB over a slow line must not be cut off by Node's 5-minute default;
    // plugins/connection-limits.ts cuts bodies that stall or trickle instead.
    requestTimeout: 0,
    // Fastify's own request lines log the whole URL, query (and fan IDs) included:
    // plugins/access-log.ts writes one without them.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    // A URL the router cannot decode is answered before any hook runs (and, by default, with the
    // path echoed back): the security headers and a sentence are set here instead.
    frameworkErrors: (error, _request, reply) => {
      reply.headers(securityHeaders(securityMode))
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400
      sendConsoleError(reply, status, 'The console could not read the address of this request.')
    },
  })
  const metrics = operations.metrics ? new ConsoleMetrics(operations.dataDir) : undefined
  const recording =
    history && operations.dataDir !== undefined
      ? new RecordingGate(history.recorder, {
          dataDir: operations.dataDir,
          maxRecordedUploads: operations.maxRecordedUploads,
          spoolBudgetBytes: operations.spoolBudgetBytes,
          skipped: (reason) => metrics?.notRecorded.inc({ reason }),
        })
      : history?.recorder
  if (recording instanceof RecordingGate) app.addHook('onClose', async () => recording.close())

  // The console parses no body of its own but the history's JSON (plugins/history.ts): forwarded
  // ones stream through, all others are ignored.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_request, _payload, done) => done(null))

  app.register(securityHeadersPlugin, { mode: securityMode })
  app.register(errorsPlugin)
  app.register(accessLogPlugin)
  app.register(connectionLimitsPlugin, operations)
  if (metrics) app.register(metricsPlugin, { metrics })
  app.register(healthPlugin, { store: history?.store, dataDir: operations.dataDir })
  app.register(upstreamPlugin, {
    upstream,
    bodyLimitBytes,
    upstreamTimeoutMs,
    recorder: recording,
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
    const send = fanpassProbe(upstreamUrl(upstream.url, '/api/v1/update_user'))
    app.register(historyPlugin, {
      store: history.store,
      tokens: new TokenChecker({
        store: history.store,
        sendProbe: metrics ? metrics.countProbes(send) : send,
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
      deadLetterCount: () => history.recorder.deadLetterCount(),
    })
  }
  app.register(consoleConfigPlugin)
  app.register(spaPlugin, { spa })
  return app
}
