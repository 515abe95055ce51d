import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { sendConsoleError } from '../console-errors.ts'
import type { HistoryStore, NewHistoryRecord } from './history-store.ts'
import { bucketJsonItems, listInMemory } from './id-buckets.ts'
import { withoutNul } from './recorded-text.ts'
import type { TokenChecker } from './token-check.ts'
import { readCaller } from './who.ts'

const text = (max: number) => z.string().max(max).transform(withoutNul)
const annotationsSchema = z.object({
  files: z
    .array(
      z.object({ name: text(1000), size: z.number().int().min(0), sha256: text(64).nullable() }),
    )
    .max(100),
  rowsRead: z.number().int().min(0).nullable(),
  removed: z.record(text(100), z.number().int().min(0)),
})
const jobSchema = z.object({
  jobId: text(200),
  createdAt: z.iso.datetime(),
  requestsPlanned: z.number().int().min(0),
  requestsSucceeded: z.number().int().min(0),
  requestsFailed: z.number().int().min(0),
  usersUpdated: z.number().int().min(0),
  status: z.enum(['succeeded', 'partial', 'failed', 'cancelled']),
})
// What a browser recorded before the team history: the same record always carries the same
// importKey, so importing it twice writes it once.
const browserRecordFields = {
  importKey: z.string().regex(/^[0-9a-f]{64}$/),
  targetHost: text(300),
}
const importSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('segment'),
    ...browserRecordFields,
    createdAt: z.iso.datetime(),
    tag: text(4000),
    title: text(4000),
    sourceType: z.number().int(),
    notes: text(4000),
    httpStatus: z.number().int().nullable(),
    correlationId: text(200).nullable(),
    messages: z.array(text(4000)).max(100),
    errors: z.array(text(4000)).max(100),
    annotations: annotationsSchema,
    ids: z.array(z.string()).nullable(),
  }),
  jobSchema.extend({ kind: z.literal('properties-job'), ...browserRecordFields }),
])
const uuid = z.uuid()
// As long as the browser's Find a fan form allows (src/features/find-a-fan/api/find-fan.ts).
const fanQuerySchema = z.object({ userId: z.string().min(1).max(200) })

interface HistoryRoutesOptions {
  store: () => Promise<HistoryStore>
  tokens: TokenChecker
  keepLists: number
  fanpassHost: string
  scopeClaim: string | undefined
  bodyLimitBytes: number
}

/** A UUID built from an import key, so importing the same browser record twice writes it once. */
function importId(key: string): string {
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-4${key.slice(13, 16)}-8${key.slice(17, 20)}-${key.slice(20, 32)}`
}

/**
 * The console's own history API under /console/history: reads need a token FanPass accepted;
 * what the page writes here (annotations, jobs, imports) never reaches FanPass.
 */
export function registerHistoryRoutes(app: FastifyInstance, options: HistoryRoutesOptions): void {
  app.register(async (scoped) => {
    scoped.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: options.bodyLimitBytes },
      (_request, body, done) => {
        try {
          done(null, JSON.parse(String(body)))
        } catch {
          done(null, undefined)
        }
      },
    )

    const withScope =
      (handle: (scope: string, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        reply.header('cache-control', 'no-store')
        const check = await options.tokens.check(request.headers.authorization)
        if (!check.ok) return sendConsoleError(reply, check.status, check.sentence)
        try {
          return await handle(check.scope, request, reply)
        } catch {
          return sendConsoleError(
            reply,
            503,
            'The team history database does not answer right now. Uploads still work.',
          )
        }
      }
    const badRequest = (reply: FastifyReply, what: string) =>
      sendConsoleError(reply, 400, `The console could not read ${what}.`)

    scoped.get(
      '/console/history/session',
      withScope(async (scope) => ({ scope })),
    )

    scoped.get(
      '/console/history/records',
      withScope(async (scope) => ({
        records: await (await options.store()).listRecords(scope, 1000),
      })),
    )

    scoped.get(
      '/console/history/records/:id',
      withScope(async (scope, request, reply) => {
        const parsed = uuid.safeParse((request.params as { id: string }).id)
        if (!parsed.success) return badRequest(reply, 'this record number')
        const record = await (await options.store()).getRecord(scope, parsed.data)
        return record ? { record } : sendConsoleError(reply, 404, 'There is no such record.')
      }),
    )

    scoped.get(
      '/console/history/tags/:tag/latest',
      withScope(async (scope, request) => {
        const { tag } = request.params as { tag: string }
        return { record: await (await options.store()).latestAccepted(scope, tag) }
      }),
    )

    scoped.get(
      '/console/history/records/:id/ids',
      withScope(async (scope, request, reply) => {
        const parsed = uuid.safeParse((request.params as { id: string }).id)
        if (!parsed.success) return badRequest(reply, 'this record number')
        const store = await options.store()
        const record = await store.getRecord(scope, parsed.data)
        if (record?.listState !== 'kept') {
          return sendConsoleError(reply, 404, 'The ID list of this version is no longer kept.')
        }
        reply.hijack()
        const raw = reply.raw
        raw.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        raw.write('[')
        let first = true
        for await (const chunk of store.readIdList(scope, parsed.data)) {
          const items = bucketJsonItems(chunk.data)
          if (items === '') continue
          const piece = `${first ? '' : ','}${items}`
          first = false
          if (!raw.write(piece)) await new Promise((resolve) => raw.once('drain', resolve))
        }
        raw.end(']')
        return reply
      }),
    )

    scoped.put(
      '/console/history/records/:id/annotations',
      withScope(async (scope, request, reply) => {
        const id = uuid.safeParse((request.params as { id: string }).id)
        const body = annotationsSchema.safeParse(request.body)
        if (!id.success || !body.success) return badRequest(reply, 'these notes about the upload')
        const done = await (await options.store()).annotate(scope, id.data, body.data)
        return done ? { ok: true } : sendConsoleError(reply, 404, 'There is no such record.')
      }),
    )

    scoped.post(
      '/console/history/jobs',
      withScope(async (scope, request, reply) => {
        const body = jobSchema.safeParse(request.body)
        if (!body.success) return badRequest(reply, 'this properties job')
        const caller = readCaller(request.headers.authorization, options.scopeClaim, new Date())
        const record: NewHistoryRecord = {
          ...jobRecord(scope, options.fanpassHost, body.data),
          id: crypto.randomUUID(),
          actorName: caller?.name ?? null,
          actorSub: caller?.sub ?? null,
        }
        await (await options.store()).insertRecord(record)
        return { id: record.id }
      }),
    )

    scoped.post(
      '/console/history/import',
      withScope(async (scope, request, reply) => {
        const body = importSchema.safeParse(request.body)
        if (!body.success) return badRequest(reply, "this browser's history record")
        const item = body.data
        const store = await options.store()
        const id = importId(item.importKey)
        if (item.kind === 'properties-job') {
          const record = {
            ...jobRecord(scope, item.targetHost, item),
            id,
            origin: 'browser-import' as const,
          }
          return { id, imported: await store.insertRecord(record) }
        }
        const record: NewHistoryRecord = {
          ...emptyRecord(scope, item.targetHost),
          id,
          kind: 'segment',
          origin: 'browser-import',
          createdAt: item.createdAt,
          tag: item.tag,
          title: item.title,
          sourceType: item.sourceType,
          notes: item.notes,
          userIdCount: item.ids?.length ?? null,
          correlationId: item.correlationId,
          httpStatus: item.httpStatus,
          messages: item.messages,
          errors: item.errors,
          listState: item.ids ? 'storing' : 'none',
        }
        const inserted = await store.insertRecord(record)
        await store.annotate(scope, id, item.annotations)
        if (item.ids) await store.storeIdList(id, listInMemory(item.ids), options.keepLists)
        return { id, imported: inserted }
      }),
    )

    // The ID travels in the query string: as a path segment, an ID such as '.' or '..' would be
    // resolved away by the browser before the request leaves.
    scoped.get(
      '/console/history/fans',
      withScope(async (scope, request, reply) => {
        const query = fanQuerySchema.safeParse(request.query)
        if (!query.success) return badRequest(reply, 'this user ID')
        return { versions: await (await options.store()).findFan(scope, query.data.userId) }
      }),
    )
  })
}

/** A properties job as the page reports it, whoever recorded it: its id and actor are added by the caller. */
function jobRecord(
  scope: string,
  fanpassHost: string,
  job: z.infer<typeof jobSchema>,
): Omit<NewHistoryRecord, 'id'> {
  return {
    ...emptyRecord(scope, fanpassHost),
    kind: 'properties-job',
    createdAt: job.createdAt,
    userIdCount: job.usersUpdated,
    jobId: job.jobId,
    details: {
      requestsPlanned: job.requestsPlanned,
      requestsSucceeded: job.requestsSucceeded,
      requestsFailed: job.requestsFailed,
      status: job.status,
    },
  }
}

function emptyRecord(
  scope: string,
  fanpassHost: string,
): Omit<NewHistoryRecord, 'id' | 'kind' | 'createdAt'> {
  return {
    scope,
    origin: 'console',
    actorName: null,
    actorSub: null,
    fanpassHost,
    tag: null,
    title: null,
    sourceType: null,
    notes: null,
    userIdCount: null,
    bodySha256: null,
    correlationId: null,
    httpStatus: null,
    messages: [],
    errors: [],
    jobId: null,
    details: {},
    listState: 'none',
  }
}
