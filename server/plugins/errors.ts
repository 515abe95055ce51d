import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { consoleErrorSentences, sendConsoleError } from '../console-errors.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route reads, for the 400 sentence, e.g. 'this properties job'. */
    unreadable?: string
  }
}

/** An error whose sentence is meant for the marketer as is (e.g. the history database is away). */
export class ConsoleAnswerError extends Error {
  override name = 'ConsoleAnswerError'
  constructor(
    readonly statusCode: number,
    readonly sentence: string,
    options?: { cause?: unknown },
  ) {
    super(sentence, options)
  }
}

function sentenceFor(error: FastifyError, status: number, request: FastifyRequest): string {
  if (error instanceof ConsoleAnswerError) return error.sentence
  if (status === 413) return consoleErrorSentences.tooLarge(request.routeOptions.bodyLimit)
  if (status === 415) return consoleErrorSentences.jsonOnly
  if (status >= 500) return consoleErrorSentences.unexpected
  return consoleErrorSentences.unreadable(request.routeOptions.config.unreadable ?? 'this request')
}

/**
 * The console's one error handler: it logs what went wrong with the correlation id it then
 * answers with, so a marketer's screenshot leads to the log line. Answers carry a sentence,
 * never the error's own text; logs carry no header and no body (4xx errors log only their code,
 * since a JSON parser's message quotes the body).
 */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply: FastifyReply) => {
      const { statusCode } = error
      const status =
        statusCode !== undefined && statusCode >= 400 && statusCode < 600 ? statusCode : 500
      // The request's id: the access log line of this request carries the same one.
      const correlationId = request.id
      const where = { correlationId, method: request.method, route: request.routeOptions.url }
      if (status >= 500) {
        request.log.error(
          { ...where, err: error.cause ?? error, statusCode: status },
          'request failed',
        )
      } else {
        request.log.info({ ...where, code: error.code, statusCode: status }, 'request refused')
      }
      return sendConsoleError(reply, status, sentenceFor(error, status, request), correlationId)
    })
  },
  { name: 'errors' },
)
