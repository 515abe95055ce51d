import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { formatSeconds } from './console-errors.ts'

export interface GracefulStopOptions {
  app: FastifyInstance
  sandbox?: FastifyInstance
  /** How long uploads in flight may take to finish: UPSTREAM_TIMEOUT_MS. */
  drainMs: number
  /** Runs once everything is closed, before exiting 0 (releases the DATA_DIR lock). */
  afterClose?: () => void
}

// After the uploads, their records are written and their lists stored (the recorder's close);
// a list too slow to store by then stays in DATA_DIR for the next start.
const RECORDING_GRACE_MS = 30_000

/**
 * Stops the console on SIGTERM or SIGINT without cutting an upload: no new connection is
 * accepted, requests in flight are answered (each connection closed after its answer, so a
 * browser's keep-alive does not hold the stop), their records are kept, the database closed,
 * and the process exits 0. A second signal, or uploads still running after `drainMs` and the
 * recording grace, exit 1 at once.
 */
export function stopOnSignals({ app, sandbox, drainMs, afterClose }: GracefulStopOptions): void {
  const inFlight = new Set<ServerResponse>()
  let stopping = false
  app.server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response)
    if (stopping) response.shouldKeepAlive = false
    response.once('close', () => {
      inFlight.delete(response)
      // A streamed answer that began before the stop leaves its connection idle: closed here.
      if (stopping) setImmediate(() => app.server.closeIdleConnections())
    })
  })

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'stopping at once: uploads in flight are cut')
      process.exit(1)
    }
    stopping = true
    for (const response of inFlight) {
      if (!response.headersSent) response.shouldKeepAlive = false
    }
    const graceMs = drainMs + RECORDING_GRACE_MS
    app.log.info(
      { signal, requestsInFlight: inFlight.size },
      `stopping: waiting up to ${formatSeconds(graceMs)} for uploads in flight (send the signal again to stop at once)`,
    )
    setTimeout(() => {
      app.log.error(
        { requestsInFlight: inFlight.size },
        `stopped after ${formatSeconds(graceMs)} with uploads still in flight`,
      )
      process.exit(1)
    }, graceMs).unref()
    // app.close() stops accepting, waits for the requests in flight, then runs the onClose
    // hooks (the recorder settles, the history database closes); the sandbox goes last, as
    // uploads in flight may be talking to it.
    app
      .close()
      .then(() => sandbox?.close())
      .then(
        () => {
          afterClose?.()
          process.exit(0)
        },
        (error: unknown) => {
          app.log.error({ err: error }, 'the console did not stop cleanly')
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
