import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MalformedJsonBody, sendEnvelope } from './respond.ts'
import type { SandboxStore } from './store.ts'

const faultSchema = z
  .strictObject({
    count: z.int().min(1).max(100_000).default(1),
    status: z.int().min(400).max(599).optional(),
    retryAfterSeconds: z.int().min(0).max(86_400).optional(),
    delayMs: z.int().min(0).max(600_000).optional(),
    drop: z.boolean().optional(),
    path: z.enum(['/api/v1/segments', '/api/v1/update_user']).optional(),
  })
  .refine(
    (fault) => fault.status !== undefined || fault.delayMs !== undefined || fault.drop === true,
    { message: 'Give at least one of status, delayMs or drop: true.' },
  )

/** POST/GET/DELETE /__sandbox/faults: make the next API requests fail, stall or drop. */
export function registerFaultRoutes(app: FastifyInstance, store: SandboxStore): void {
  app.post('/__sandbox/faults', async (request, reply) => {
    const body = request.body instanceof MalformedJsonBody ? undefined : (request.body ?? {})
    const parsed = faultSchema.safeParse(body)
    if (!parsed.success) {
      return sendEnvelope(store, request, reply, 400, {
        errors: parsed.error.issues.map((issue) =>
          issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
        ),
      })
    }
    const { count, ...fault } = parsed.data
    store.addFault({ remaining: count, ...fault })
    return reply.code(201).send({ faults: store.pendingFaults() })
  })

  app.get('/__sandbox/faults', async () => ({ faults: store.pendingFaults() }))

  app.delete('/__sandbox/faults', async () => {
    store.clearFaults()
    return { faults: [] }
  })
}
