import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { recordFolderCounts } from './data-dir.ts'

/**
 * The console's Prometheus metrics, in a registry of its own: the tests build several consoles
 * in one process, and prom-client's global registry would refuse the second set of names.
 */
export class ConsoleMetrics {
  readonly registry = new Registry()
  readonly forwarded = new Counter({
    name: 'fanpass_console_forwarded_requests_total',
    help: 'Requests forwarded to FanPass, by endpoint and the status the console answered.',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  })
  readonly upstreamSeconds = new Histogram({
    name: 'fanpass_console_upstream_duration_seconds',
    help: "Seconds from a forwarded request's arrival to FanPass's answer (the upload included).",
    labelNames: ['endpoint'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  })
  readonly probes = new Counter({
    name: 'fanpass_console_token_probes_total',
    help: 'Requests the console sent FanPass on its own to check a token, by the status FanPass answered (0: no answer).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  })
  readonly refused = new Counter({
    name: 'fanpass_console_refused_requests_total',
    help: 'Requests answered 401 (no or a refused token), by route family.',
    labelNames: ['family'] as const,
    registers: [this.registry],
  })
  readonly notRecorded = new Counter({
    name: 'fanpass_console_uploads_not_recorded_total',
    help: 'Forwarded uploads not recorded in the team history to protect the console, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })

  constructor(dataDir: string | undefined) {
    collectDefaultMetrics({ register: this.registry })
    if (dataDir === undefined) return
    // Read from DATA_DIR when scraped: the folders are the truth whichever process wrote them.
    new Gauge({
      name: 'fanpass_console_records_pending',
      help: 'Records waiting in DATA_DIR/pending for the history database.',
      registers: [this.registry],
      async collect() {
        this.set((await recordFolderCounts(dataDir)).pending)
      },
    })
    new Gauge({
      name: 'fanpass_console_records_dead_lettered',
      help: 'Records moved to DATA_DIR/dead-letter after failing to be written again and again.',
      registers: [this.registry],
      async collect() {
        this.set((await recordFolderCounts(dataDir)).deadLettered)
      },
    })
  }

  /** Counts the token probes `send` makes, e.g. countProbes(fanpassProbe(url)). */
  countProbes<Answer extends { status: number }>(
    send: (authorization: string) => Promise<Answer>,
  ): (authorization: string) => Promise<Answer> {
    return async (authorization) => {
      try {
        const answer = await send(authorization)
        this.probes.inc({ status: String(answer.status) })
        return answer
      } catch (error) {
        this.probes.inc({ status: '0' })
        throw error
      }
    }
  }
}
