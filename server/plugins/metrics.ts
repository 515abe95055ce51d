import fp from 'fastify-plugin'
import type { ConsoleMetrics } from '../operations/console-metrics.ts'
import { FORWARDED_API_PATHS } from './upstream.ts'

const FORWARDED = new Set<string>(FORWARDED_API_PATHS)

/** '/console/history/records/:id' → '/console/history'; the label never holds an id. */
function routeFamily(route: string | undefined): string {
  if (route === undefined) return 'unknown'
  const [first = '', second = ''] = route.split('/').slice(1)
  if (first === 'console' || first === 'api') return `/${first}/${second}`
  return `/${first}`
}

/**
 * GET /metrics in Prometheus's text format, and the hooks that count what it shows. Registered
 * only with METRICS=1: otherwise /metrics is an unknown path like any other (404).
 */
export const metricsPlugin = fp<{ metrics: ConsoleMetrics }>(
  async (app, { metrics }) => {
    app.addHook('onSend', async (request, reply) => {
      const route = request.routeOptions.url
      if (route !== undefined && FORWARDED.has(route)) {
        metrics.upstreamSeconds.observe({ endpoint: route }, reply.elapsedTime / 1000)
      }
    })
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url
      if (route !== undefined && FORWARDED.has(route)) {
        metrics.forwarded.inc({ endpoint: route, status: String(reply.statusCode) })
      }
      if (reply.statusCode === 401) metrics.refused.inc({ family: routeFamily(route) })
    })
    app.get('/metrics', async (_request, reply) =>
      reply
        .header('content-type', metrics.registry.contentType)
        .header('cache-control', 'no-store')
        .send(await metrics.registry.metrics()),
    )
  },
  { name: 'metrics' },
)
