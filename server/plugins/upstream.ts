import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { OutgoingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { BATCH_HEADER } from '../../contracts/history.ts'
import type { UpstreamTarget } from '../config.ts'
import { consoleErrorSentences, sendConsoleError } from '../console-errors.ts'
import { discardRestOfBody, forwardRequest } from '../forward-request.ts'
import type { SendGuard } from '../history/send-guard.ts'
import type { RecordingTap } from '../operations/recording-gate.ts'

/** The only two FanPass endpoints the console forwards. */
export const FORWARDED_API_PATHS = ['/api/v1/segments', '/api/v1/update_user'] as const
export type ForwardedApiPath = (typeof FORWARDED_API_PATHS)[number]

export interface UpstreamOptions {
  upstream: { url: URL; target: UpstreamTarget }
  bodyLimitBytes: number
  upstreamTimeoutMs: number
  /** Taps every forwarded FanPass request; omitted, nothing is recorded. */
  recorder?: RecordingTap
  /** Refuses a compared segment send whose tag changed since (409); omitted, none is checked. */
  sendGuard?: SendGuard
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Streams this request to `path` on the configured FanPass (or sandbox) and its answer back. */
    forwardUpstream(
      path: string,
      request: FastifyRequest,
      reply: FastifyReply,
    ): Promise<FastifyReply>
    upstream: UpstreamOptions['upstream']
  }
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

/** An upstream URL: the configured base (with any base path) and a path fixed by the console. */
export function upstreamUrl(base: URL, path: string): URL {
  const url = new URL(base.href)
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`
  url.search = ''
  url.hash = ''
  return url
}

function isForwardedApiPath(path: string): path is ForwardedApiPath {
  return (FORWARDED_API_PATHS as readonly string[]).includes(path)
}

/**
 * The way out to FanPass, shared by the proxy and the sandbox routes: one keep-alive agent,
 * the body limit, the timeout and the history's tap. Decorates the root with `forwardUpstream`.
 */
export const upstreamPlugin = fp<UpstreamOptions>(
  async (app, { upstream, bodyLimitBytes, upstreamTimeoutMs, recorder, sendGuard }) => {
    const agent =
      upstream.url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true })
        : new http.Agent({ keepAlive: true })
    app.addHook('onClose', async () => {
      agent.destroy()
    })
    app.decorate('upstream', upstream)
    app.decorate(
      'forwardUpstream',
      async (path: string, request: FastifyRequest, reply: FastifyReply) => {
        const declaredLength = Number(request.headers['content-length'] ?? 0)
        if (declaredLength > bodyLimitBytes) {
          discardRestOfBody(request.raw)
          return sendConsoleError(reply, 413, consoleErrorSentences.tooLarge(bodyLimitBytes))
        }
        const isApi = path.startsWith('/api/')
        // Decided before a byte goes to FanPass: a refused send never reaches it.
        const guard =
          sendGuard && path === '/api/v1/segments'
            ? await sendGuard.check(request.headers)
            : undefined
        if (guard?.kind === 'refused') {
          discardRestOfBody(request.raw)
          return sendConsoleError(reply, 400, guard.sentence)
        }
        if (guard?.kind === 'conflict') {
          discardRestOfBody(request.raw)
          return reply.code(409).header('cache-control', 'no-store').send(guard.answer)
        }
        // The answer is sent only once the record is written (or spooled), so the next send's
        // check sees this version; a connection that ends any other way lets the claim go too.
        if (guard?.kind === 'forward') reply.raw.once('close', () => void guard.release())
        const jobHeader = request.headers['x-console-job-id']
        const batchHeader = request.headers[BATCH_HEADER]
        const observer =
          recorder && isForwardedApiPath(path)
            ? recorder.tap(
                path,
                request.headers.authorization,
                typeof jobHeader === 'string' ? jobHeader : undefined,
                typeof batchHeader === 'string' ? batchHeader : undefined,
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
      },
    )
  },
  { name: 'upstream' },
)
