import type { FastifyInstance } from 'fastify'
import type { ApiContext } from './api/api-context.ts'
import { createDemoToken } from './auth.ts'
import { sendEnvelope } from './respond.ts'

/**
 * GET/POST /__sandbox/…: read what the API received, reset it, and get a demo token and the
 * attribute names the sandbox treats as registered.
 */
export function registerInspectionRoutes(app: FastifyInstance, context: ApiContext): void {
  const { store } = context

  app.get<{ Params: { tag: string } }>('/__sandbox/segments/:tag', async (request, reply) => {
    const segment = store.getSegment(request.params.tag)
    if (!segment) {
      return sendEnvelope(store, request, reply, 404, {
        errors: [`The sandbox has no segment with tag ${request.params.tag}.`],
      })
    }
    return segment
  })

  // A story that sent 20,000 users checks them in one request, not 20,000.
  app.get('/__sandbox/users', async () => ({ users: store.listUsers() }))

  app.get<{ Params: { id: string } }>('/__sandbox/users/:id', async (request, reply) => {
    const user = store.getUser(request.params.id)
    if (!user) {
      return sendEnvelope(store, request, reply, 404, {
        errors: [`The sandbox has no properties stored for user ${request.params.id}.`],
      })
    }
    return user
  })

  app.get('/__sandbox/requests', async () => ({ requests: store.requestLog() }))

  app.post('/__sandbox/reset', async () => {
    store.reset()
    return { reset: true }
  })

  // The console's Settings offers these as "Use the sandbox's list", so trying the properties flow
  // needs no file from the repository.
  app.get('/__sandbox/registered-attributes', async () => ({
    registeredAttributes: [...context.registeredAttributes],
  }))

  app.get('/__sandbox/token', async () => ({
    token: createDemoToken(Math.floor(context.now().getTime() / 1000)),
  }))
}
