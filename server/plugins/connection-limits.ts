import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export interface ConnectionLimits {
  /** How long the request line and headers may take to arrive. */
  headersTimeoutMs: number
  /** How long a request body may go without a single byte before its socket is closed. */
  bodyIdleTimeoutMs: number
  /** The slowest average a body may arrive at, checked once it has had bodyIdleTimeoutMs. */
  minBodyBytesPerSecond: number
}

/**
 * Keeps a slowly trickled request from holding a socket, an upstream socket and a spool file
 * for ever. Node's requestTimeout stays off (app.ts): an upload of hundreds of MB over a slow
 * line may take as long as it needs while it keeps moving. Instead, while a body is incomplete,
 * the socket is closed when no byte arrived for bodyIdleTimeoutMs, or when, past that time, the
 * body's average rate falls under minBodyBytesPerSecond (1 byte every few seconds never goes
 * idle, but it is never an upload either). The socket's own byte count is read, so the body's
 * stream is left untouched for the proxy.
 */
export const connectionLimitsPlugin = fp<ConnectionLimits>(
  async (app, { headersTimeoutMs, bodyIdleTimeoutMs, minBodyBytesPerSecond }) => {
    app.server.headersTimeout = headersTimeoutMs
    const checkEveryMs = Math.min(1_000, Math.max(50, Math.floor(bodyIdleTimeoutMs / 4)))
    // The watches still running, so a closed server leaves none behind: a request made by
    // Fastify's inject and answered before its body was read never completes nor closes.
    const watching = new Set<() => void>()
    app.addHook('onClose', async () => {
      for (const stop of watching) stop()
    })

    const watchBody = (request: FastifyRequest) => {
      const raw = request.raw
      const socket = raw.socket
      const startedAt = Date.now()
      const startBytes = socket.bytesRead
      let lastBytes = startBytes
      let lastByteAt = startedAt
      const stop = () => {
        clearInterval(timer)
        watching.delete(stop)
      }
      const cut = (fields: Record<string, unknown>, message: string) => {
        stop()
        request.log.warn(fields, message)
        socket.destroy()
      }
      const timer = setInterval(() => {
        if (raw.complete || socket.destroyed) return stop()
        const now = Date.now()
        const bytes = socket.bytesRead
        if (bytes !== lastBytes) {
          lastBytes = bytes
          lastByteAt = now
        }
        if (now - lastByteAt >= bodyIdleTimeoutMs) {
          return cut({ idleMs: now - lastByteAt }, 'request body cut: no byte arrived in time')
        }
        const elapsedSeconds = (now - startedAt) / 1000
        const rate = (bytes - startBytes) / elapsedSeconds
        if (now - startedAt >= bodyIdleTimeoutMs && rate < minBodyBytesPerSecond) {
          cut({ bytesPerSecond: Math.round(rate) }, 'request body cut: it arrives too slowly')
        }
      }, checkEveryMs)
      timer.unref()
      watching.add(stop)
      raw.once('close', stop)
    }

    app.addHook('onRequest', async (request) => {
      if (!request.raw.complete) watchBody(request)
    })
  },
  { name: 'connection-limits' },
)
