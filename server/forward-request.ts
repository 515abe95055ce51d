import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import https from 'node:https'
import { TLSSocket } from 'node:tls'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { consoleErrorSentences, sendConsoleError } from './console-errors.ts'
import { securityHeaders } from './security-headers.ts'

export interface ForwardOptions {
  /** The complete upstream URL, built from the configured base and a fixed path, never from the request. */
  url: URL
  method: string
  headers: OutgoingHttpHeaders
  bodyLimitBytes: number
  timeoutMs: number
  agent: http.Agent
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; cookies and the security
// headers are the console's own business, not the upstream's.
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  ...Object.keys(securityHeaders('built')),
])

/** The upstream response headers worth passing back to the browser. */
function passableResponseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const namedInConnection = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  )
  const passable: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_RESPONSE_HEADERS.has(name) || namedInConnection.has(name)) {
      continue
    }
    passable[name] = value
  }
  return passable
}

type AbortReason = 'too-large' | 'timeout' | 'client-gone'

// How long a refused upload may keep sending before its connection is cut.
const DISCARD_GRACE_MS = 30_000

/**
 * Reads and throws away the rest of a refused body, so the browser, still uploading, gets to
 * read the 413 instead of a connection reset (closing with unread data makes TCP send RST).
 * The browser is on the same machine, so even hundreds of MB drain in about a second.
 */
export function discardRestOfBody(source: IncomingMessage): void {
  if (source.complete) return
  const guard = setTimeout(() => source.socket.destroy(), DISCARD_GRACE_MS)
  guard.unref()
  source.once('close', () => clearTimeout(guard))
  source.resume()
}

/**
 * Streams the incoming request body to `options.url` and the upstream response back, holding
 * at most a few chunks in memory. Over-limit bodies end in 413, an idle upstream in 504 and
 * an unreachable or broken one in 502, each as a FanPass envelope. Resolves once answered.
 */
export function forwardRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  options: ForwardOptions,
): Promise<void> {
  const { url, bodyLimitBytes, timeoutMs } = options
  const source = request.raw
  const host = url.host

  return new Promise((resolve) => {
    let answered = false
    let abortReason: AbortReason | undefined
    // Until the connection (and TLS handshake) is up, no byte of the request can have left.
    let connected = false
    let receivedBytes = 0

    const answerOnce = (answer: () => void) => {
      if (answered) return
      answered = true
      answer()
      resolve()
    }
    const abort = (reason: AbortReason) => {
      abortReason ??= reason
      upstream.destroy(new Error(`forwarding stopped: ${reason}`))
    }

    const transport = url.protocol === 'https:' ? https : http
    const upstream = transport.request(url, {
      method: options.method,
      headers: options.headers,
      agent: options.agent,
      // An idle socket (nothing sent or received) for this long counts as no answer.
      timeout: timeoutMs,
    })

    upstream.on('socket', (socket) => {
      if (!socket.connecting) {
        connected = true
        return
      }
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
        connected = true
      })
    })
    upstream.on('timeout', () => abort('timeout'))

    upstream.on('response', (response) => {
      answerOnce(() => {
        const status = response.statusCode ?? 0
        if (status < 100 || status > 599) {
          response.destroy()
          sendConsoleError(reply, 502, consoleErrorSentences.badUpstreamAnswer(host))
          return
        }
        request.log.debug({ upstreamHost: host, status, receivedBytes }, 'upstream answered')
        reply.code(status).headers(passableResponseHeaders(response.headers)).send(response)
      })
    })

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      // Only the code and our own reason are logged: never headers, never the body.
      request.log.warn({ upstreamHost: host, code: error.code, abortReason }, 'forwarding failed')
      answerOnce(() => {
        if (abortReason === 'too-large') {
          discardRestOfBody(source)
          sendConsoleError(reply, 413, consoleErrorSentences.tooLarge(bodyLimitBytes))
        } else if (abortReason === 'timeout') {
          sendConsoleError(reply, 504, consoleErrorSentences.timeout(timeoutMs))
        } else if (!connected) {
          sendConsoleError(reply, 502, consoleErrorSentences.unreachable(host))
        } else {
          sendConsoleError(reply, 502, consoleErrorSentences.connectionCut(host))
        }
      })
    })

    // Registered before pipe() so the limit is checked before a chunk is passed on.
    source.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length
      if (receivedBytes > bodyLimitBytes && abortReason === undefined) {
        source.unpipe(upstream)
        abort('too-large')
      }
    })
    source.on('close', () => {
      if (!source.complete) abort('client-gone')
    })
    source.pipe(upstream)
  })
}
