import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { consoleErrorSentences, sendConsoleError } from '../console-errors.ts'
import { pathOf } from './reserved-paths.ts'

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

/**
 * /__sandbox/… passes through to the built-in sandbox's inspection and fault routes, and only
 * while the console runs against it.
 */
export const sandboxRoutesPlugin: FastifyPluginAsync = async (app) => {
  const sandboxRoute = async (request: FastifyRequest, reply: FastifyReply) => {
    if (app.upstream.target !== 'sandbox') {
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
    return app.forwardUpstream(path, request, reply)
  }
  app.all('/__sandbox', sandboxRoute)
  app.all('/__sandbox/*', sandboxRoute)
}
