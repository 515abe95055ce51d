import type { FastifyReply } from 'fastify'

/** The FanPass response shape, which the console also uses for the errors it raises itself. */
export interface ConsoleErrorEnvelope {
  status: number
  correlationId: string
  messages: string[]
  errors: string[]
}

/**
 * Answers with a FanPass-shaped error envelope carrying one sentence and a correlation id (the
 * request's, which its access log line carries, unless the caller already logged another).
 */
export function sendConsoleError(
  reply: FastifyReply,
  status: number,
  sentence: string,
  correlationId: string = reply.request.id,
): FastifyReply {
  const body: ConsoleErrorEnvelope = {
    status,
    correlationId,
    messages: [],
    errors: [sentence],
  }
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-correlation-id', body.correlationId)
    .type('application/json')
    .send(body)
}

const MIB = 1024 * 1024

/** A byte count for a sentence, e.g. 268435456 → '256 MB'; 1500 → '1500 bytes'. */
export function formatBytes(bytes: number): string {
  if (bytes < MIB) return `${bytes} bytes`
  const mib = bytes / MIB
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB`
}

/** A duration for a sentence, e.g. 120000 → '120 seconds'; 250 → '0.25 seconds'. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
}

export const consoleErrorSentences = {
  notForwarded: 'The console only forwards POST /api/v1/segments and POST /api/v1/update_user.',
  sandboxOnly:
    'The /__sandbox routes exist only while the console runs against its built-in sandbox.',
  tooLarge: (limitBytes: number) =>
    `This request is larger than the console's limit of ${formatBytes(limitBytes)}. Split the list into smaller uploads.`,
  unreachable: (host: string) =>
    `The console could not reach FanPass at ${host}. Nothing was sent. Check your connection and try again.`,
  connectionCut: (host: string) =>
    `The connection to FanPass at ${host} broke before it answered. The request may or may not have been applied; replacing a segment again is safe.`,
  timeout: (timeoutMs: number) =>
    `FanPass did not answer within ${formatSeconds(timeoutMs)}. The request may or may not have been applied; replacing a segment again is safe.`,
  unexpected: 'The console hit an unexpected problem; it has been logged. Try again in a moment.',
  unreadable: (what: string) => `The console could not read ${what}.`,
  jsonOnly: 'The console reads this request as JSON (Content-Type: application/json).',
  badUpstreamAnswer: (host: string) =>
    `FanPass at ${host} sent an answer the console cannot pass on. Try again; if it keeps happening, contact FanReach support.`,
}
