import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { consoleErrorSentences, sendConsoleError } from '../console-errors.ts'
import { FORWARDED_API_PATHS } from './upstream.ts'

/** POST /api/v1/segments and /api/v1/update_user go to FanPass; every other /api path is refused. */
export const proxyPlugin: FastifyPluginAsync = async (app) => {
  for (const path of FORWARDED_API_PATHS) {
    app.post(path, (request, reply) => app.forwardUpstream(path, request, reply))
  }
  const notForwarded = async (_request: unknown, reply: FastifyReply) =>
    sendConsoleError(reply, 404, consoleErrorSentences.notForwarded)
  app.all('/api', notForwarded)
  app.all('/api/*', notForwarded)
}
