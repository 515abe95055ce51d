import type { FastifyInstance } from 'fastify'
import { buildConsoleServer } from './app.ts'
import type { SpaSource } from './app.ts'
import type { ServerConfig } from './config.ts'
import { classifyUpstream, PRODUCTION_HOST, readServerConfig, ServerConfigError } from './config.ts'
import { lockDataDirOrExit } from './data-dir-lock.ts'
import { stopOnSignals } from './graceful-stop.ts'
import { openHistoryStore } from './history/open-history.ts'
import { HistoryRecorder } from './history/recorder.ts'
import { historyHost } from './history/who.ts'
import { installProcessGuard } from './process-guard.ts'
import { buildSandbox } from './sandbox/build-sandbox.ts'
import { startupWarnings } from './startup-warnings.ts'

function describeTarget(config: ServerConfig): string {
  const url = config.fanpassApiUrl
  if (!url) return 'Sandbox: nothing leaves this machine'
  return classifyUpstream(url) === 'production'
    ? `Production: ${PRODUCTION_HOST}`
    : `Custom FanPass API: ${url.host}`
}

function listenFailure(error: unknown, config: ServerConfig): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') {
    return `Port ${config.port} on ${config.host} is already in use. Stop the other program or set PORT to a free port.`
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `HOST ${config.host} is not an address of this machine. Use 127.0.0.1 (the default).`
  }
  return `The console could not start: ${error instanceof Error ? error.message : String(error)}`
}

/**
 * Starts the console (and, when FANPASS_API_URL is unset, the sandbox behind it on an
 * ephemeral loopback port), prints where it runs, and stops both gracefully on SIGINT/SIGTERM.
 */
export async function launchConsole(config: ServerConfig, spa: SpaSource): Promise<void> {
  // Before anything opens DATA_DIR: PGlite has no lock of its own.
  const lock = config.databaseUrl ? undefined : lockDataDirOrExit(config.dataDir)
  const loggerOptions = { level: config.logLevel }
  let sandbox: FastifyInstance | undefined
  let upstream: { url: URL; target: 'sandbox' | 'production' | 'custom' }
  if (config.fanpassApiUrl) {
    upstream = { url: config.fanpassApiUrl, target: classifyUpstream(config.fanpassApiUrl) }
  } else {
    sandbox = buildSandbox({
      logger: { ...loggerOptions, redact: ['req.headers.authorization'] },
    })
    const sandboxAddress = await sandbox.listen({ host: '127.0.0.1', port: 0 })
    upstream = { url: new URL(sandboxAddress), target: 'sandbox' }
  }

  const historyStore = openHistoryStore(config.dataDir, config.databaseUrl)
  // Forwarding goes on without the database; the operator still learns why History is away.
  const logDatabaseAway = (error: unknown) =>
    app.log.warn({ err: error }, 'the history database does not answer yet; uploads are spooled')
  const recorder = new HistoryRecorder({
    store: historyStore.get,
    dataDir: config.dataDir,
    keepLists: config.historyKeepLists,
    scopeClaim: config.historyScopeClaim,
    fanpassHost: upstream.url.host,
    historyHost: historyHost(upstream),
    warn: (fields, message) => app.log.warn(fields, message),
    sharedStore: config.databaseUrl !== undefined,
  })
  const app = buildConsoleServer({
    upstream,
    bodyLimitBytes: config.bodyLimitBytes,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    spa,
    logger: loggerOptions,
    history: {
      store: historyStore.get,
      recorder,
      keepLists: config.historyKeepLists,
      scopeClaim: config.historyScopeClaim,
      grantHours: config.historyGrantHours,
    },
    operations: {
      metrics: config.metrics,
      dataDir: config.dataDir,
      headersTimeoutMs: config.headersTimeoutMs,
      bodyIdleTimeoutMs: config.bodyIdleTimeoutMs,
      minBodyBytesPerSecond: config.minBodyBytesPerSecond,
      maxRecordedUploads: config.maxRecordedUploads,
      spoolBudgetBytes: config.spoolBudgetBytes,
    },
  })
  installProcessGuard(process, {
    log: (fields, message) => app.log.error(fields, message),
    exit: (code) => process.exit(code),
  })
  if (!config.databaseUrl) {
    // The embedded database's first start keeps Node busy for seconds (WebAssembly): done before
    // listening, so neither the first page nor the first upload waits behind it.
    await historyStore.get().catch((error: unknown) => logDatabaseAway(error))
  } else {
    // A PostgreSQL server is not waited for: forwarding must start even while it is down.
    historyStore.get().catch((error: unknown) => logDatabaseAway(error))
  }
  app.addHook('onClose', async () => {
    await recorder.close()
    await historyStore.close()
  })
  await recorder.createFolders()
  try {
    await app.listen({ host: config.host, port: config.port })
    await recorder.start()
  } catch (error) {
    console.error(listenFailure(error, config))
    await sandbox?.close()
    process.exit(1)
  }

  // Before the address is printed: whoever waits for that line (a supervisor, a test) may send
  // SIGTERM at once, and a signal that comes before its handler ends the process on the spot.
  stopOnSignals({ app, sandbox, drainMs: config.upstreamTimeoutMs, afterClose: lock?.release })

  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  process.stdout.write(`FanPass Console on http://${host}:${port} — ${describeTarget(config)}\n`)
  const facts = {
    host: config.host,
    target: upstream.target,
    historyScopeClaim: config.historyScopeClaim,
  }
  for (const warning of startupWarnings(facts)) app.log.warn(warning)
}

/** Reads the environment's settings, or explains in one sentence what is wrong and exits. */
export function readConfigOrExit(): ServerConfig {
  try {
    return readServerConfig(process.env)
  } catch (error) {
    if (!(error instanceof ServerConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}
