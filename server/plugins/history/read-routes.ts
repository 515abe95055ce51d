// The history's read routes: the caller's session, this console's dead-letter count, the records,
// one record, a tag's latest accepted upload, a record's kept ID list (streamed) and one fan's
// versions. Registered by plugins/history.ts, which checks the token first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  deadLetterAnswerSchema,
  fanAnswerSchema,
  latestRecordAnswerSchema,
  recordAnswerSchema,
  recordListAnswerSchema,
  sessionAnswerSchema,
} from '../../../contracts/history.ts'
import { sendConsoleError } from '../../console-errors.ts'
import { ListNotKeptError } from '../../history/history-store.ts'
import { bucketJsonItems, type IdBlock } from '../../history/id-buckets.ts'
import { idParams, noSuchRecord, type HistoryRouteContext } from './route-context.ts'

// As long as the browser's Find a fan form allows (src/features/find-a-fan/api/find-fan.ts).
const fanQuerySchema = z.object({ userId: z.string().min(1).max(200) })

export const historyReadRoutes: FastifyPluginAsyncZod<HistoryRouteContext> = async (
  app,
  options,
) => {
  const { withStore } = options

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
          if (items.length === 0) continue
          if (!first) raw.write(',')
          first = false
          if (!raw.write(items)) await new Promise((resolve) => raw.once('drain', resolve))
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
