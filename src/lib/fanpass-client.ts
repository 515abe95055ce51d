import * as z from 'zod/mini'

/** The envelope every FanPass answer (and every answer the console's server makes up) has. */
export const fanPassEnvelopeSchema = z.object({
  status: z.number().check(z.int()),
  correlationId: z.optional(z.nullable(z.string())),
  messages: z._default(z.array(z.string()), []),
  errors: z._default(z.array(z.string()), []),
})

export type FanPassPath = '/api/v1/segments' | '/api/v1/update_user'

export type FanPassOutcomeKind =
  | 'succeeded'
  | 'rejected'
  | 'unauthorized'
  | 'not-found'
  | 'too-large'
  | 'rate-limited'
  | 'server-error'
  | 'unexpected-response'
  | 'network-error'
  | 'timeout'

export interface FanPassResult {
  kind: FanPassOutcomeKind
  /** HTTP status, or null when no answer arrived (network failure, timeout). */
  httpStatus: number | null
  correlationId: string | null
  messages: string[]
  errors: string[]
  /** Milliseconds the server asked us to wait (Retry-After), when it said so. */
  retryAfterMs: number | null
  /** One sentence a marketer can act on. */
  sentence: string
  /** Whether sending the very same request again is safe and may succeed. */
  retryable: boolean
}

export interface FanPassRequest {
  path: FanPassPath
  token: string
  /**
   * The JSON body, already serialised. Large ID lists come as a Blob built off the main thread:
   * `fetch` encodes a string body to UTF-8 on the calling thread (seconds for 100 MB).
   */
  body: string | Blob
  signal?: AbortSignal
  timeoutMs?: number
  /** Where the console's server is; the page's own origin unless said otherwise (tests). */
  origin?: string
  /** Extra request headers for the console's server (never forwarded to FanPass). */
  consoleHeaders?: Record<string, string>
  /** Sees the answer's headers, e.g. what the console's server says about recording it. */
  onHeaders?: (headers: Headers) => void
  /** Sees the answer's status and text, e.g. the console's own 409 to a stale compared send. */
  onAnswer?: (status: number, text: string | null) => void
}

const DEFAULT_TIMEOUT_MS = 180_000

/**
 * Sends one FanPass request and turns whatever happens into one typed result.
 * Never throws for HTTP or network outcomes; only an abort by the caller's signal rejects.
 * e.g. a 401 → { kind: 'unauthorized', sentence: 'FanPass did not accept your API token…' }
 */
export async function sendFanPassRequest(request: FanPassRequest): Promise<FanPassResult> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
  let response: Response
  try {
    response = await fetch(new URL(request.path, request.origin ?? window.location.origin), {
      method: 'POST',
      headers: {
        ...request.consoleHeaders,
        Authorization: `Bearer ${request.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: request.body,
      signal,
      credentials: 'omit',
      cache: 'no-store',
    })
  } catch (error) {
    if (request.signal?.aborted) throw error
    if (timeout.aborted) return noAnswer('timeout')
    return noAnswer('network-error')
  }
  request.onHeaders?.(response.headers)
  const text = await readText(response)
  request.onAnswer?.(response.status, text)
  return interpretResponse(response.status, text, response.headers.get('Retry-After'))
}

async function readText(response: Response): Promise<string | null> {
  try {
    return await response.text()
  } catch {
    return null
  }
}

/**
 * Classifies one HTTP answer.
 * e.g. (400, '{"status":400,"errors":["Missing required fields: title"]}') → kind 'rejected'
 */
export function interpretResponse(
  httpStatus: number,
  bodyText: string | null,
  retryAfterHeader: string | null,
  now: number = Date.now(),
): FanPassResult {
  const envelope = parseEnvelope(bodyText)
  const kind = kindForStatus(httpStatus, envelope !== null)
  const retryAfterMs = parseRetryAfter(retryAfterHeader, now)
  const base = {
    kind,
    httpStatus,
    correlationId: envelope?.correlationId ?? null,
    messages: envelope?.messages ?? [],
    errors: envelope?.errors ?? [],
    retryAfterMs,
  }
  return { ...base, sentence: sentenceFor(base), retryable: isRetryable(kind) }
}

function parseEnvelope(bodyText: string | null): z.infer<typeof fanPassEnvelopeSchema> | null {
  if (bodyText === null) return null
  try {
    const parsed = fanPassEnvelopeSchema.safeParse(JSON.parse(bodyText))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function kindForStatus(httpStatus: number, hasEnvelope: boolean): FanPassOutcomeKind {
  if (httpStatus >= 200 && httpStatus < 300)
    return hasEnvelope ? 'succeeded' : 'unexpected-response'
  if (httpStatus === 400 || httpStatus === 422) return 'rejected'
  if (httpStatus === 401 || httpStatus === 403) return 'unauthorized'
  if (httpStatus === 404) return 'not-found'
  if (httpStatus === 413) return 'too-large'
  if (httpStatus === 429) return 'rate-limited'
  if (httpStatus === 504) return 'timeout'
  if (httpStatus >= 500) return 'server-error'
  return 'unexpected-response'
}

/**
 * Reads Retry-After in either of its HTTP forms.
 * e.g. "3" → 3000; "Wed, 21 Oct 2026 07:28:00 GMT" → ms until then; "soon" → null
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function isRetryable(kind: FanPassOutcomeKind): boolean {
  return (
    kind === 'rate-limited' ||
    kind === 'server-error' ||
    kind === 'network-error' ||
    kind === 'timeout' ||
    kind === 'unexpected-response'
  )
}

const NOTHING_KNOWN_CHANGED =
  'Nothing is known to have changed, and sending the same request again is safe.'

function sentenceFor(result: Omit<FanPassResult, 'sentence' | 'retryable'>): string {
  switch (result.kind) {
    case 'succeeded':
      return 'FanPass accepted the request.'
    case 'rejected':
      return result.errors.length > 0
        ? `FanPass rejected the request: ${result.errors.join(' ')}`
        : 'FanPass rejected the request without saying why. Check the values and try again.'
    case 'unauthorized':
      return 'FanPass did not accept your API token. Generate a new token in the FanReach Portal, paste it under Connection, and send again.'
    case 'not-found':
      return 'FanPass does not know this address. The console may be pointed at the wrong server; check the banner at the top.'
    case 'too-large':
      return 'This list is too large for one request. Split it into smaller files and send them as separate segments, or ask FanReach support about the limit.'
    case 'rate-limited': {
      const wait =
        result.retryAfterMs === null
          ? ''
          : ` FanPass asked to wait ${Math.ceil(result.retryAfterMs / 1000)} s.`
      return `FanPass is receiving too many requests right now.${wait} ${NOTHING_KNOWN_CHANGED}`
    }
    case 'server-error':
      return `FanPass had a problem (HTTP ${result.httpStatus ?? '5xx'}). ${NOTHING_KNOWN_CHANGED}`
    case 'timeout':
      return `FanPass did not answer in time. ${NOTHING_KNOWN_CHANGED}`
    case 'network-error':
      return `The console could not reach FanPass (the network connection failed). ${NOTHING_KNOWN_CHANGED}`
    case 'unexpected-response':
      return `FanPass answered with something that is not a FanPass response (HTTP ${result.httpStatus ?? '?'}), perhaps a gateway page. ${NOTHING_KNOWN_CHANGED}`
  }
}

function noAnswer(kind: 'timeout' | 'network-error'): FanPassResult {
  const base = {
    kind,
    httpStatus: null,
    correlationId: null,
    messages: [],
    errors: [],
    retryAfterMs: null,
  }
  return { ...base, sentence: sentenceFor(base), retryable: true }
}
