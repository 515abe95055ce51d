// The console's own history API under /console/history: every route needs a token FanPass
// accepted, checked before any body is read. This plugin sets what its two route plugins share
// (zod schemas, JSON bodies, the caller's scope, the store's runner) and registers them:
// history/read-routes.ts and history/write-routes.ts.
import {
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
} from 'fastify-type-provider-zod'
import { sendConsoleError } from '../console-errors.ts'
import { historyReadRoutes } from './history/read-routes.ts'
import { storeRunner, type HistoryRoutesOptions } from './history/route-context.ts'
import { historyWriteRoutes } from './history/write-routes.ts'

// The job route's body limit, where the history's tests read it.
export { JOB_BODY_LIMIT_BYTES } from './history/write-routes.ts'

/**
 * The history routes, read and write, behind one token check; what the page writes here
 * (annotations, jobs, imports) never reaches FanPass.
 */
export const historyPlugin: FastifyPluginAsyncZod<HistoryRoutesOptions> = async (app, options) => {
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // The app ignores bodies; here, and only here, they are JSON.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  )
  app.decorateRequest('historyScope', '')

  // onRequest, not preHandler: a refused caller's body is never read, however large.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const check = await options.tokens.check(request.headers.authorization)
    if (!check.ok) return sendConsoleError(reply, check.status, check.sentence)
    request.historyScope = check.scope
  })

  const context = { ...options, withStore: storeRunner(options.store) }
  await app.register(historyReadRoutes, context)
  await app.register(historyWriteRoutes, context)
}
