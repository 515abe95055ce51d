import { isIPv4 } from 'node:net'
import { z } from 'zod'

export const PRODUCTION_HOST = 'fanpass-api.fanreachdata.io'
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024 * 1024
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 120_000
// A grant outlives neither a working day nor a revoked token by much: FanPass's tokens may
// carry a far exp, and the console cannot learn that one was revoked.
export const MAX_GRANT_HOURS = 12

export type UpstreamTarget = 'sandbox' | 'production' | 'custom'

export interface ServerConfig {
  port: number
  host: string
  /** undefined: run against the built-in sandbox. */
  fanpassApiUrl: URL | undefined
  bodyLimitBytes: number
  upstreamTimeoutMs: number
  sandboxPort: number
  logLevel: LogLevel
  /** Where the embedded database and the spooled records live. */
  dataDir: string
  /** undefined: the embedded PGlite in dataDir. */
  databaseUrl: string | undefined
  historyKeepLists: number
  historyScopeClaim: string | undefined
  /** How long a token FanPass accepted reads the history at most, whatever its exp says. */
  historyGrantHours: number
  /** Serve Prometheus metrics on GET /metrics (METRICS=1). */
  metrics: boolean
  headersTimeoutMs: number
  bodyIdleTimeoutMs: number
  minBodyBytesPerSecond: number
  maxRecordedUploads: number
  spoolBudgetBytes: number
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
type LogLevel = (typeof LOG_LEVELS)[number]

/** Thrown by readServerConfig; its message is the sentence(s) to print before exiting. */
export class ServerConfigError extends Error {
  override name = 'ServerConfigError'
}

/** Whether a host name or address is this machine's own, e.g. '127.0.0.1' → true; '0.0.0.0' → false. */
export function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    (isIPv4(hostname) && hostname.startsWith('127.'))
  )
}

/** Production when the host is FanPass's own, custom otherwise, e.g. https://staging.example.com → 'custom'. */
export function classifyUpstream(url: URL): Exclude<UpstreamTarget, 'sandbox'> {
  return url.hostname === PRODUCTION_HOST ? 'production' : 'custom'
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

function wholeNumber(name: string, min: number, max: number, fallback: number) {
  const sentence = `${name} must be a whole number from ${min} to ${max}.`
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, sentence)
      .transform(Number)
      .pipe(z.number().min(min, sentence).max(max, sentence))
      .default(fallback),
  )
}

const fanpassApiUrlSchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((raw, context) => {
      const fail = (message: string) => {
        context.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      if (!URL.canParse(raw))
        return fail(`FANPASS_API_URL must be a URL such as https://${PRODUCTION_HOST}.`)
      const url = new URL(raw)
      if (url.username || url.password) {
        return fail('FANPASS_API_URL must not contain a user name or password.')
      }
      if (url.search || url.hash) {
        return fail('FANPASS_API_URL must not contain a query string or a # fragment.')
      }
      const secure = url.protocol === 'https:'
      const loopbackHttp = url.protocol === 'http:' && isLoopback(url.hostname)
      if (!secure && !loopbackHttp) {
        return fail(
          `FANPASS_API_URL must be an https URL, or http only for loopback (127.0.0.1, [::1] or localhost); got ${url.origin}.`,
        )
      }
      return url
    })
    .optional(),
)

const envSchema = z.object({
  PORT: wholeNumber('PORT', 0, 65_535, 3000),
  HOST: z.preprocess(blankToUndefined, z.string().trim().default('127.0.0.1')),
  FANPASS_API_URL: fanpassApiUrlSchema,
  BODY_LIMIT_BYTES: wholeNumber(
    'BODY_LIMIT_BYTES',
    1,
    Number.MAX_SAFE_INTEGER,
    DEFAULT_BODY_LIMIT_BYTES,
  ),
  UPSTREAM_TIMEOUT_MS: wholeNumber(
    'UPSTREAM_TIMEOUT_MS',
    1,
    3_600_000,
    DEFAULT_UPSTREAM_TIMEOUT_MS,
  ),
  SANDBOX_PORT: wholeNumber('SANDBOX_PORT', 0, 65_535, 4010),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().trim().default('./data')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL.')
      .optional(),
  ),
  HISTORY_KEEP_LISTS: wholeNumber('HISTORY_KEEP_LISTS', 1, 1000, 10),
  HISTORY_SCOPE_CLAIM: z.preprocess(blankToUndefined, z.string().trim().optional()),
  HISTORY_GRANT_HOURS: wholeNumber('HISTORY_GRANT_HOURS', 1, MAX_GRANT_HOURS, MAX_GRANT_HOURS),
  METRICS: z.preprocess(
    blankToUndefined,
    z
      .enum(['0', '1'], { error: 'METRICS must be 1 (serve /metrics) or 0 (the default).' })
      .default('0'),
  ),
  // How long a request's line and headers may take (a browser sends them at once).
  HEADERS_TIMEOUT_MS: wholeNumber('HEADERS_TIMEOUT_MS', 1_000, 600_000, 30_000),
  // A body that sends nothing for this long is cut: a live upload never pauses a minute.
  BODY_IDLE_TIMEOUT_MS: wholeNumber('BODY_IDLE_TIMEOUT_MS', 1_000, 3_600_000, 60_000),
  // 512 B/s is far below any working line, far above a trickle meant to hold a socket.
  MIN_BODY_BYTES_PER_SECOND: wholeNumber('MIN_BODY_BYTES_PER_SECOND', 0, 1_000_000_000, 512),
  // Each upload being recorded may hold up to 32 MB of IDs while the disk lags (recorder.ts), so 32
  // bound that at 1 GB, well above what a team sends at once.
  MAX_RECORDED_UPLOADS: wholeNumber('MAX_RECORDED_UPLOADS', 1, 1000, 32),
  SPOOL_BUDGET_BYTES: wholeNumber(
    'SPOOL_BUDGET_BYTES',
    1024 * 1024,
    Number.MAX_SAFE_INTEGER,
    2 * 1024 * 1024 * 1024,
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` })
      .default('warn'),
  ),
})

/**
 * Reads and validates the server's environment, throwing ServerConfigError with plain sentences.
 * e.g. {FANPASS_API_URL: 'http://example.com'} → throws 'FANPASS_API_URL must be an https URL, …'.
 */
export function readServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new ServerConfigError(parsed.error.issues.map((issue) => issue.message).join(' '))
  }
  const data = parsed.data
  return {
    port: data.PORT,
    host: data.HOST,
    fanpassApiUrl: data.FANPASS_API_URL,
    bodyLimitBytes: data.BODY_LIMIT_BYTES,
    upstreamTimeoutMs: data.UPSTREAM_TIMEOUT_MS,
    sandboxPort: data.SANDBOX_PORT,
    logLevel: data.LOG_LEVEL,
    dataDir: data.DATA_DIR,
    databaseUrl: data.DATABASE_URL,
    historyKeepLists: data.HISTORY_KEEP_LISTS,
    historyScopeClaim: data.HISTORY_SCOPE_CLAIM,
    historyGrantHours: data.HISTORY_GRANT_HOURS,
    metrics: data.METRICS === '1',
    headersTimeoutMs: data.HEADERS_TIMEOUT_MS,
    bodyIdleTimeoutMs: data.BODY_IDLE_TIMEOUT_MS,
    minBodyBytesPerSecond: data.MIN_BODY_BYTES_PER_SECOND,
    maxRecordedUploads: data.MAX_RECORDED_UPLOADS,
    spoolBudgetBytes: data.SPOOL_BUDGET_BYTES,
  }
}
