import fp from 'fastify-plugin'
import { pathOf } from './reserved-paths.ts'

/**
 * The path as logged: no query (/console/history/fans?userId=… carries a fan ID) and no
 * segment after 'users' (the sandbox's /__sandbox/users/<id>), e.g.
 * '/__sandbox/users/u-1?x=1' → '/__sandbox/users/:id'.
 */
export function loggedPath(rawUrl: string | undefined): string {
  const segments = pathOf(rawUrl).split('/')
  return segments
    .map((segment, index) => (index > 0 && segments[index - 1] === 'users' ? ':id' : segment))
    .join('/')
}

/**
 * One info line per answered request: method, path without query or fan ID, status, duration
 * and the correlation id the answer carries. Fastify's own request logging is off (app.ts),
 * since it logs the whole URL with its query.
 */
export const accessLogPlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-correlation-id', request.id)
    })
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          path: loggedPath(request.raw.url),
          statusCode: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime),
          correlationId: request.id,
        },
        'request answered',
      )
    })
  },
  { name: 'access-log' },
)
