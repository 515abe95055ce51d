import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import https from 'node:https'
import { PassThrough, Transform, type TransformCallback } from 'node:stream'
import { TLSSocket } from 'node:tls'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { consoleErrorSentences, sendConsoleError } from './console-errors.ts'
import type { ForwardObserver } from './history/recorder.ts'
import { securityHeaders } from './security-headers.ts'

export interface ForwardOptions {
  /** The complete upstream URL, built from the configured base and a fixed path, never from the request. */
  url: URL
  method: string
  headers: OutgoingHttpHeaders
  bodyLimitBytes: number
  timeoutMs: number
  agent: http.Agent
  /** Sees the body as it streams and FanPass's answer: the team history's recording tap. */
  observer?: ForwardObserver
}

// A FanPass envelope is well under 1 kB; an answer this large is passed on without recording it.
const MAX_RECORDED_ANSWER_BYTES = 64 * 1024

/** Reads an answer of up to `limit` bytes; null (and the chunks so far) when it is longer. */
function readSmallAnswer(
  response: IncomingMessage,
  limit: number,
): Promise<{ body: Buffer; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size > limit) finish(false)
    }
    const finish = (complete: boolean) => {
      response.off('data', onData)
      response.off('end', onEnd)
      response.off('error', onEnd)
      if (!complete) response.pause()
      resolve({ body: Buffer.concat(chunks), complete })
    }
    const onEnd = () => finish(true)
    response.on('data', onData)
    response.once('end', onEnd)
    response.once('error', onEnd)
  })
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

type AbortReason = 'too-large' | 'timeout' | 'client-gone' | 'refused'

/**
 * Passes a body on one chunk behind, and its last chunk only once `approved()` says so when the
 * body has ended: a body the recording scan refuses (a field named twice) never reaches FanPass
 * whole, so FanPass never applies it. e.g. chunks a, b, c → a, b pass as they come; c at the end.
 */
class HoldBackLastChunk extends Transform {
  private held: Buffer | undefined

  constructor(private readonly approved: () => boolean) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const previous = this.held
    this.held = chunk
    done(null, previous)
  }

  override _flush(done: TransformCallback): void {
    if (this.approved() && this.held) this.push(this.held)
    this.held = undefined
    done()
  }
}

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
    let refusal: string | null = null

    const answerOnce = (answer: () => void) => {
      if (answered) return
      answered = true
      answer()
      resolve()
    }
    // The console answers itself: the tap hears it too, as it hears the end of every request it
    // saw. Unheard, it would keep the upload's place among those being recorded (and its spool
    // file) for ever, and after MAX_RECORDED_UPLOADS such answers nothing would be recorded again.
    const fail = (status: number, sentence: string) => {
      options.observer?.failed(status, sentence)
      sendConsoleError(reply, status, sentence)
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
      const status = response.statusCode ?? 0
      if (status < 100 || status > 599) {
        answerOnce(() => {
          response.destroy()
          fail(502, consoleErrorSentences.badUpstreamAnswer(host))
        })
        return
      }
      request.log.debug({ upstreamHost: host, status, receivedBytes }, 'upstream answered')
      const observer = options.observer
      if (!observer || answered) {
        answerOnce(() => {
          reply.code(status).headers(passableResponseHeaders(response.headers)).send(response)
        })
        return
      }
      answered = true
      void (async () => {
        const { body, complete } = await readSmallAnswer(response, MAX_RECORDED_ANSWER_BYTES)
        const added = await observer.answered(status, complete ? body.toString('utf8') : null)
        const headers = { ...passableResponseHeaders(response.headers), ...added }
        if (complete) {
          delete headers['content-length']
          reply.code(status).headers(headers).send(body)
        } else {
          // Longer than any envelope: what was read goes first, the rest streams behind it.
          const rest = new PassThrough()
          rest.write(body)
          response.pipe(rest)
          response.resume()
          reply.code(status).headers(headers).send(rest)
        }
        resolve()
      })()
    })

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      // Only the code and our own reason are logged: never headers, never the body.
      request.log.warn({ upstreamHost: host, code: error.code, abortReason }, 'forwarding failed')
      answerOnce(() => {
        if (abortReason === 'too-large') {
          discardRestOfBody(source)
          fail(413, consoleErrorSentences.tooLarge(bodyLimitBytes))
        } else if (abortReason === 'refused') {
          discardRestOfBody(source)
          fail(400, refusal ?? consoleErrorSentences.notForwarded)
        } else if (abortReason === 'timeout') {
          fail(504, consoleErrorSentences.timeout(timeoutMs))
        } else if (!connected) {
          fail(502, consoleErrorSentences.unreachable(host))
        } else {
          fail(502, consoleErrorSentences.connectionCut(host))
        }
      })
    })

    const observer = options.observer
    // A recorded body goes out one chunk behind, its last chunk only once the scan approved it.
    const outgoing = observer
      ? new HoldBackLastChunk(() => abortReason === undefined && observer.refusal() === null)
      : undefined
    const stopSending = () => {
      if (outgoing) {
        source.unpipe(outgoing)
        outgoing.unpipe(upstream)
      } else {
        source.unpipe(upstream)
      }
    }
    // Registered before pipe() so the limit and the scan see a chunk before it is passed on.
    source.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length
      if (receivedBytes > bodyLimitBytes && abortReason === undefined) {
        stopSending()
        abort('too-large')
      } else if (abortReason === undefined && observer) {
        observer.chunk(chunk)
        refusal = observer.refusal()
        if (refusal !== null) {
          stopSending()
          abort('refused')
        }
      }
    })
    source.on('close', () => {
      if (!source.complete) abort('client-gone')
    })
    if (outgoing) source.pipe(outgoing).pipe(upstream)
    else source.pipe(upstream)
  })
}
