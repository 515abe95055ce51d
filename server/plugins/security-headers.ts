import fp from 'fastify-plugin'
import { securityHeaders, type SecurityMode } from '../security-headers.ts'

/** Every answer carries the console's security headers; registered first, so errors do too. */
export const securityHeadersPlugin = fp<{ mode: SecurityMode }>(
  async (app, { mode }) => {
    const headers = securityHeaders(mode)
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers)
    })
  },
  { name: 'security-headers' },
)
