import type { FastifyReply } from 'fastify'
import {
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
} from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  annotatedAnswerSchema,
  deadLetterAnswerSchema,
  fanAnswerSchema,
  importAnswerSchema,
  jobFiledAnswerSchema,
  latestRecordAnswerSchema,
  propertiesJobSchema,
  recordAnnotationsSchema,
  recordAnswerSchema,
  recordListAnswerSchema,
  sessionAnswerSchema,
  type PropertiesJob,
  type RecordAnnotations,
} from '../../contracts/history.ts'
import { sendConsoleError } from '../console-errors.ts'
import {
  ListNotKeptError,
  type HistoryStore,
  type NewHistoryRecord,
} from '../history/history-store.ts'
import { bucketJsonItems, listInMemory, type IdBlock } from '../history/id-buckets.ts'
import {
  implausibleTime,
  importHostRefusal,
  RECORD_CHECK_SENTENCES,
} from '../history/record-checks.ts'
import { withoutNul } from '../history/recorded-text.ts'
import { TOKEN_SENTENCES, type TokenChecker } from '../history/token-check.ts'
import { readCaller } from '../history/who.ts'
import { ConsoleAnswerError } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The club whose records this request may read, set before its body is read. */
    historyScope: string
  }
}

export interface HistoryRoutesOptions {
  store: () => Promise<HistoryStore>
  tokens: TokenChecker
  keepLists: number
  fanpassHost: string
  scopeClaim: string | undefined
  /** The proxy's limit: no segment upload the console forwarded was larger. */
  bodyLimitBytes: number
  /** How many records this console keeps in DATA_DIR/dead-letter (the recorder's count). */
  deadLetterCount: () => Promise<number>
}

// Each body limit is the largest body the page legitimately sends to that route.
// A job: jobId (≤ 200 characters, ≤ 6 bytes each once JSON-escaped), a timestamp, four counts
// and a status word come to under 1.5 KB; 16 KB leaves room for whitespace and new fields.
export const JOB_BODY_LIMIT_BYTES = 16 * 1024
// Notes on an upload: ≤ 100 files × (a name ≤ 1000 characters and a 64-character hash, ≤ 6
// bytes each escaped) ≈ 640 KB, plus a handful of removal reasons.
export const ANNOTATIONS_BODY_LIMIT_BYTES = 1024 * 1024
// An imported browser record (src/features/history/api/import-browser-history.ts) carries the
// kept ID list of an upload this console forwarded, so its `ids` are no larger than that
// upload's body (bodyLimitBytes), plus the record's own fields: messages and errors (≤ 100 ×
// 4000 characters each, ≤ 2.4 MB each escaped), tag, title and notes (≤ 72 KB) and notes on
// the files (≤ 1 MB) come to under 6 MB; 8 MB of margin covers them.
export const IMPORT_RECORD_MARGIN_BYTES = 8 * 1024 * 1024

const text = (max: number) => z.string().max(max).transform(withoutNul)
const idParams = z.object({ id: z.uuid() })
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
    annotations: recordAnnotationsSchema,
    ids: z.array(z.string()).nullable(),
  }),
  z.object({
    ...propertiesJobSchema.shape,
    kind: z.literal('properties-job'),
    ...browserRecordFields,
  }),
])
// As long as the browser's Find a fan form allows (src/features/find-a-fan/api/find-fan.ts).
const fanQuerySchema = z.object({ userId: z.string().min(1).max(200) })

/** A UUID built from an import key, so importing the same browser record twice writes it once. */
function importId(key: string): string {
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-4${key.slice(13, 16)}-8${key.slice(17, 20)}-${key.slice(20, 32)}`
}

/** Notes on an upload as PostgreSQL can keep them (no U+0000). */
function annotationsWithoutNul(annotations: RecordAnnotations): RecordAnnotations {
  return {
    files: annotations.files.map((file) => ({
      name: withoutNul(file.name),
      size: file.size,
      sha256: file.sha256 === null ? null : withoutNul(file.sha256),
    })),
    rowsRead: annotations.rowsRead,
    removed: Object.fromEntries(
      Object.entries(annotations.removed).map(([reason, count]) => [withoutNul(reason), count]),
    ),
  }
}

// Errors that mean the code is wrong, not that the database is away: those answer 500.
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError]

/**
 * The console's own history API under /console/history: every route needs a token FanPass
 * accepted, checked before any body is read; what the page writes here (annotations, jobs,
 * imports) never reaches FanPass.
 */
export const historyPlugin: FastifyPluginAsyncZod<HistoryRoutesOptions> = async (app, options) => {
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // The app ignores bodies; here, and only here, they are JSON.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  )
  app.decorateRequest('historyScope', '')

  // onRequest, not preHandler: a refused caller's body is never read, however large.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const check = await options.tokens.check(request.headers.authorization)
    if (!check.ok) return sendConsoleError(reply, check.status, check.sentence)
    request.historyScope = check.scope
  })

  /** Runs `work` on the store; a database that does not answer becomes the 503 sentence. */
  const withStore = async <T>(work: (store: HistoryStore) => Promise<T>): Promise<T> => {
    try {
      return await work(await options.store())
    } catch (error) {
      if (PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) throw error
      throw new ConsoleAnswerError(503, TOKEN_SENTENCES.databaseAway, { cause: error })
    }
  }
  const noSuchRecord = (reply: FastifyReply) =>
    sendConsoleError(reply, 404, 'There is no such record.')

  app.get(
    '/console/history/session',
    { schema: { response: { 200: sessionAnswerSchema } } },
    async (request) => ({ scope: request.historyScope }),
  )

  // Per console: the folder is on this console's server, not in the shared database.
  app.get(
    '/console/history/dead-letter',
    { schema: { response: { 200: deadLetterAnswerSchema } } },
    async () => ({ count: await options.deadLetterCount() }),
  )

  app.get(
    '/console/history/records',
    { schema: { response: { 200: recordListAnswerSchema } } },
    async (request) => ({
      records: await withStore((store) => store.listRecords(request.historyScope, 1000)),
    }),
  )

  app.get(
    '/console/history/records/:id',
    {
      schema: { params: idParams, response: { 200: recordAnswerSchema } },
      config: { unreadable: 'this record number' },
    },
    async (request, reply) => {
      const record = await withStore((store) =>
        store.getRecord(request.historyScope, request.params.id),
      )
      return record ? { record } : noSuchRecord(reply)
    },
  )

  app.get(
    '/console/history/tags/:tag/latest',
    {
      schema: {
        params: z.object({ tag: z.string() }),
        response: { 200: latestRecordAnswerSchema },
      },
      config: { unreadable: 'this segment tag' },
    },
    async (request) => ({
      record: await withStore((store) =>
        store.latestAccepted(request.historyScope, request.params.tag),
      ),
    }),
  )

  app.get(
    '/console/history/records/:id/ids',
    { schema: { params: idParams }, config: { unreadable: 'this record number' } },
    async (request, reply) => {
      const scope = request.historyScope
      const { id } = request.params
      const store = await withStore(async (opened) => opened)
      const notKept = () =>
        sendConsoleError(reply, 404, 'The ID list of this version is no longer kept.')
      const chunks = store.readIdList(scope, id)[Symbol.asyncIterator]()
      // The first chunk is read before the status is sent: a list that is not kept, or was
      // pruned a moment ago, is a 404, never an empty list.
      let next: IteratorResult<IdBlock>
      try {
        next = await chunks.next()
      } catch (error) {
        if (error instanceof ListNotKeptError) return notKept()
        return withStore(() => Promise.reject(error))
      }
      // Streamed as it is read: a kept list of millions of IDs is never held whole in memory.
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      raw.write('[')
      let first = true
      try {
        for (; !next.done; next = await chunks.next()) {
          const items = bucketJsonItems(next.value.data)
          if (items === '') continue
          const piece = `${first ? '' : ','}${items}`
          first = false
          if (!raw.write(piece)) await new Promise((resolve) => raw.once('drain', resolve))
        }
      } catch (error) {
        // The status is sent: the page sees a cut answer (never a shorter list), and the log
        // says why (pruned by a newer upload while it was read, or the database went away).
        request.log.error({ err: error, recordId: id }, 'kept list read failed')
        raw.destroy()
        return reply
      }
      raw.end(']')
      return reply
    },
  )

  app.put(
    '/console/history/records/:id/annotations',
    {
      schema: {
        params: idParams,
        body: recordAnnotationsSchema,
        response: { 200: annotatedAnswerSchema },
      },
      bodyLimit: ANNOTATIONS_BODY_LIMIT_BYTES,
      config: { unreadable: 'these notes about the upload' },
    },
    async (request, reply) => {
      const done = await withStore((store) =>
        store.annotate(
          request.historyScope,
          request.params.id,
          annotationsWithoutNul(request.body),
        ),
      )
      return done ? { ok: true as const } : noSuchRecord(reply)
    },
  )

  app.post(
    '/console/history/jobs',
    {
      schema: { body: propertiesJobSchema, response: { 200: jobFiledAnswerSchema } },
      bodyLimit: JOB_BODY_LIMIT_BYTES,
      config: { unreadable: 'this properties job' },
    },
    async (request) => {
      const why = implausibleTime(request.body.createdAt, new Date())
      if (why) {
        const { jobId, createdAt } = request.body
        throw new ConsoleAnswerError(400, RECORD_CHECK_SENTENCES.jobTime(jobId, createdAt, why))
      }
      const caller = readCaller(request.headers.authorization, options.scopeClaim, new Date())
      const record: NewHistoryRecord = {
        ...jobRecord(request.historyScope, options.fanpassHost, request.body),
        id: crypto.randomUUID(),
        actorName: caller?.name ?? null,
        actorSub: caller?.sub ?? null,
      }
      await withStore((store) => store.insertRecord(record))
      return { id: record.id }
    },
  )

  app.post(
    '/console/history/import',
    {
      schema: { body: importSchema, response: { 200: importAnswerSchema } },
      bodyLimit: options.bodyLimitBytes + IMPORT_RECORD_MARGIN_BYTES,
      config: { unreadable: "this browser's history record" },
    },
    async (request) => {
      const scope = request.historyScope
      const item = request.body
      const id = importId(item.importKey)
      // Named as the page lists it, so the marketer can tell which record was refused.
      const what =
        item.kind === 'segment'
          ? `the upload of tag "${item.tag.slice(0, 200)}"`
          : `the properties job "${item.jobId.slice(0, 200)}"`
      const hostRefusal = importHostRefusal(item.targetHost, app.upstream, what)
      if (hostRefusal) throw new ConsoleAnswerError(400, hostRefusal)
      const why = implausibleTime(item.createdAt, new Date())
      if (why) {
        throw new ConsoleAnswerError(
          400,
          RECORD_CHECK_SENTENCES.importTime(what, item.createdAt, why),
        )
      }
      if (item.kind === 'properties-job') {
        const record = {
          ...jobRecord(scope, item.targetHost, item),
          id,
          origin: 'browser-import' as const,
        }
        return { id, imported: await withStore((store) => store.insertRecord(record)) }
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
      const inserted = await withStore(async (store) => {
        const written = await store.insertRecord(record)
        await store.annotate(scope, id, annotationsWithoutNul(item.annotations))
        if (item.ids) await store.storeIdList(id, listInMemory(item.ids), options.keepLists)
        return written
      })
      return { id, imported: inserted }
    },
  )

  // The ID travels in the query string: as a path segment, an ID such as '.' or '..' would be
  // resolved away by the browser before the request leaves.
  app.get(
    '/console/history/fans',
    {
      schema: { querystring: fanQuerySchema, response: { 200: fanAnswerSchema } },
      config: { unreadable: 'this user ID' },
    },
    async (request) => ({
      versions: await withStore((store) =>
        store.findFan(request.historyScope, request.query.userId),
      ),
    }),
  )
}

/** A properties job as the page reports it, whoever recorded it: its id and actor are added by the caller. */
function jobRecord(
  scope: string,
  fanpassHost: string,
  job: PropertiesJob,
): Omit<NewHistoryRecord, 'id'> {
  return {
    ...emptyRecord(scope, fanpassHost),
    kind: 'properties-job',
    createdAt: job.createdAt,
    userIdCount: job.usersUpdated,
    jobId: withoutNul(job.jobId),
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
    batchId: null,
    details: {},
    listState: 'none',
  }
}
