import type { FastifyPluginAsync } from 'fastify'

/** GET /console/config: which FanPass the console forwards to, for the page's banner. */
export const consoleConfigPlugin: FastifyPluginAsync = async (app) => {
  app.get('/console/config', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { target: app.upstream.target, host: app.upstream.url.host }
  })
}
