import type { FastifyReply, FastifyRequest } from 'fastify'
import { isJsonObject } from './api/api-context.ts'
import { envelope } from './envelope.ts'
import type { FaultKind, SandboxStore } from './store.ts'

/** What the JSON parser hands on when the body is not JSON, so that auth is still checked first. */
export class MalformedJsonBody {
  constructor(readonly reason: string) {}
}

export function requestPath(request: FastifyRequest): string {
  const url = request.raw.url ?? '/'
  const queryStart = url.indexOf('?')
  return queryStart === -1 ? url : url.slice(0, queryStart)
}

/** How many user IDs a request carried, e.g. a body with userIds ['1','2'] → 2; no list → 0. */
export function countUserIds(body: unknown): number {
  return isJsonObject(body) && Array.isArray(body.userIds) ? body.userIds.length : 0
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

interface EnvelopeOptions {
  messages?: string[]
  errors?: string[]
  fault?: FaultKind
  headers?: Record<string, string>
}

/** Answers in the FanPass envelope and, for /api requests, records the exchange in the request log. */
export function sendEnvelope(
  store: SandboxStore,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  { messages = [], errors = [], fault, headers = {} }: EnvelopeOptions,
): FastifyReply {
  const body = envelope(status, messages, errors)
  const path = requestPath(request)
  if (isApiPath(path)) {
    store.logRequest({
      method: request.method,
      path,
      status,
      userIdCount: countUserIds(request.body),
      receivedAt: new Date().toISOString(),
      correlationId: body.correlationId,
      fault: fault ?? null,
    })
  }
  return reply
    .code(status)
    .headers({ ...headers, 'x-correlation-id': body.correlationId })
    .type('application/json')
    .send(body)
}
