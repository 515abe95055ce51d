import fp from 'fastify-plugin'
import { securityHeaders, type SecurityMode } from '../security-headers.ts'

/** Every answer carries the console's security headers; registered first, so errors do too. */
export const securityHeadersPlugin = fp<{ mode: SecurityMode }>(
  async (app, { mode }) => {
    const headers = securityHeaders(mode)
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers)
      // Also on the raw response: answers streamed after reply.hijack() (the kept list's /ids,
      // Vite's pages) write their own head, which Node merges with these.
      for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value)
    })
  },
  { name: 'security-headers' },
)
