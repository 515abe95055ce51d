import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import type { FastifyError, FastifyInstance, FastifyServerOptions } from 'fastify'
import { z } from 'zod'
import type { ApiContext } from './api/api-context.ts'
import { apiRoute } from './api/api-route.ts'
import { replaceSegment } from './api/replace-segment.ts'
import { updateUser } from './api/update-user.ts'
import { registerFaultRoutes } from './fault-routes.ts'
import { registerInspectionRoutes } from './inspection-routes.ts'
import { isApiPath, MalformedJsonBody, requestPath, sendEnvelope } from './respond.ts'
import { createSandboxStore } from './store.ts'

// Far above the console's own 256 MB default, so the console's limit is the one users meet.
export const SANDBOX_BODY_LIMIT_BYTES = 512 * 1024 * 1024

export interface SandboxOptions {
  /** Custom attribute names treated as registered; defaults to registered-attributes.json. */
  registeredAttributes?: readonly string[]
  /** The sandbox's clock, for token expiry and timestamps. */
  now?: () => Date
  logger?: FastifyServerOptions['logger']
}

const registeredAttributesFileSchema = z.object({ registeredAttributes: z.array(z.string()) })

/** The attribute names in server/sandbox/registered-attributes.json. */
export function readRegisteredAttributes(): string[] {
  const file = new URL('./registered-attributes.json', import.meta.url)
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  return registeredAttributesFileSchema.parse(parsed).registeredAttributes
}

function errorSentence(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than the sandbox accepts (512 MB).'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as JSON, with the header Content-Type: application/json.'
    default:
      return error.message
  }
}

/**
 * An emulator of the FanPass API over an in-memory store, with /__sandbox routes to inspect and
 * reset that store and to inject faults. Call `listen` on the result to serve it.
 */
export function buildSandbox(options: SandboxOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: SANDBOX_BODY_LIMIT_BYTES,
    // Tags and user IDs arrive as path parameters of the inspection routes.
    routerOptions: { maxParamLength: 1_000 },
  })
  const context: ApiContext = {
    store: createSandboxStore(),
    registeredAttributes: new Set(options.registeredAttributes ?? readRegisteredAttributes()),
    now: options.now ?? (() => new Date()),
  }
  const { store } = context

  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const buffer = body as Buffer
    if (buffer.length === 0) {
      done(null, undefined)
      return
    }
    try {
      done(null, JSON.parse(buffer.toString('utf8')))
    } catch (error) {
      done(null, new MalformedJsonBody(error instanceof Error ? error.message : String(error)))
    }
  })

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
    if (status >= 500) request.log.error(error, 'sandbox request failed')
    return sendEnvelope(store, request, reply, status, { errors: [errorSentence(error)] })
  })

  app.setNotFoundHandler((request, reply) => {
    const path = requestPath(request)
    const sentence = isApiPath(path)
      ? `FanPass has no endpoint ${request.method} ${path}. It accepts POST /api/v1/segments and POST /api/v1/update_user.`
      : `The sandbox has no route ${request.method} ${path}.`
    return sendEnvelope(store, request, reply, 404, { errors: [sentence] })
  })

  app.post('/api/v1/segments', apiRoute('/api/v1/segments', replaceSegment, context))
  app.post('/api/v1/update_user', apiRoute('/api/v1/update_user', updateUser, context))
  registerInspectionRoutes(app, context)
  registerFaultRoutes(app, store)

  return app
}
