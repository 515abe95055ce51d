// The history's write routes: notes on an upload, a properties job the page ran, and a record
// this browser kept before the team history (imported once). What the page writes here never
// reaches FanPass. Registered by plugins/history.ts, which checks the token first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  annotatedAnswerSchema,
  importAnswerSchema,
  jobFiledAnswerSchema,
  propertiesJobSchema,
  recordAnnotationsSchema,
} from '../../../contracts/history.ts'
import type { NewHistoryRecord } from '../../history/history-store.ts'
import { listInMemory } from '../../history/id-buckets.ts'
import {
  implausibleTime,
  importHostRefusal,
  RECORD_CHECK_SENTENCES,
} from '../../history/record-checks.ts'
import { withoutNul } from '../../history/recorded-text.ts'
import { readCaller } from '../../history/who.ts'
import { ConsoleAnswerError } from '../errors.ts'
import { annotationsWithoutNul, emptyRecord, importId, jobRecord } from './filed-records.ts'
import { idParams, noSuchRecord, type HistoryRouteContext } from './route-context.ts'

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

export const historyWriteRoutes: FastifyPluginAsyncZod<HistoryRouteContext> = async (
  app,
  options,
) => {
  const { withStore } = options

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
}
