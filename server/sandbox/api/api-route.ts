import { setTimeout as delay } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { isAcceptedAuthorization, UNAUTHORIZED_SENTENCE } from '../auth.ts'
import { countUserIds, MalformedJsonBody, sendEnvelope } from '../respond.ts'
import type { ApiPath, Fault } from '../store.ts'
import type { ApiContext, ApiOutcome } from './api-context.ts'

type EndpointHandler = (body: unknown, context: ApiContext) => ApiOutcome

const FAULT_SENTENCES: Record<number, string> = {
  429: 'Too many requests. Please slow down and try again later.',
  500: 'An unexpected error occurred while processing the request.',
  502: 'The FanPass service is temporarily unavailable.',
  503: 'The FanPass service is temporarily unavailable.',
  504: 'The FanPass service did not respond in time.',
}

function faultSentence(fault: Fault & { status: number }): string {
  const base = FAULT_SENTENCES[fault.status] ?? `The request failed with status ${fault.status}.`
  return fault.retryAfterSeconds === undefined
    ? base
    : `${base} Retry after ${fault.retryAfterSeconds} seconds.`
}

/**
 * Wraps an endpoint in what every FanPass call goes through, in order: injected faults
 * (which skip the handler, so nothing is stored), the bearer token check, JSON parsing.
 */
export function apiRoute(path: ApiPath, handle: EndpointHandler, context: ApiContext) {
  const { store } = context
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const fault = store.takeFault(path)
    if (fault?.delayMs !== undefined) await delay(fault.delayMs)

    if (fault?.drop) {
      store.logRequest({
        method: request.method,
        path,
        status: null,
        userIdCount: countUserIds(request.body),
        receivedAt: new Date().toISOString(),
        correlationId: null,
        fault: 'drop',
      })
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = { 'x-sandbox-fault': 'status' }
      if (fault.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(fault.retryAfterSeconds)
      }
      return sendEnvelope(store, request, reply, fault.status, {
        errors: [faultSentence({ ...fault, status: fault.status })],
        fault: 'status',
        headers,
      })
    }

    const faultKind = fault ? 'delay' : undefined
    const nowSeconds = Math.floor(context.now().getTime() / 1000)
    if (!isAcceptedAuthorization(request.headers.authorization, nowSeconds)) {
      return sendEnvelope(store, request, reply, 401, {
        errors: [UNAUTHORIZED_SENTENCE],
        fault: faultKind,
      })
    }
    if (request.body instanceof MalformedJsonBody) {
      return sendEnvelope(store, request, reply, 400, {
        errors: [`The request body is not valid JSON (${request.body.reason}).`],
        fault: faultKind,
      })
    }
    const outcome = handle(request.body, context)
    return sendEnvelope(store, request, reply, outcome.status, {
      messages: outcome.messages,
      errors: outcome.errors,
      fault: faultKind,
    })
  }
}
