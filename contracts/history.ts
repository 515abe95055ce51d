/**
 * What the console's server and its page both say about the team history (/console/history/…):
 * one zod schema each, imported by server/ (route schemas, stores) and src/ (it parses every
 * answer it reads). zod/mini, because the page's first chunk carries it.
 */
import * as z from 'zod/mini'

export const recordKindSchema = z.enum(['segment', 'properties-request', 'properties-job'])
export const recordOriginSchema = z.enum(['console', 'browser-import'])
// 'lost': the console stopped while storing the list, and the list did not survive.
export const listStateSchema = z.enum(['none', 'storing', 'kept', 'pruned', 'lost'])

/** What the page adds to a record that only it knows; never sent to FanPass. */
export const recordAnnotationsSchema = z.object({
  files: z
    .array(
      z.object({
        name: z.string().check(z.maxLength(1000)),
        size: z.int().check(z.minimum(0)),
        sha256: z.nullable(z.string().check(z.maxLength(64))),
      }),
    )
    .check(z.maxLength(100)),
  rowsRead: z.nullable(z.int().check(z.minimum(0))),
  removed: z.record(z.string().check(z.maxLength(100)), z.int().check(z.minimum(0))),
})

/** One recorded request (or a properties job's summary), as written once. */
export const newHistoryRecordSchema = z.object({
  id: z.string(),
  scope: z.string(),
  kind: recordKindSchema,
  origin: recordOriginSchema,
  createdAt: z.string(),
  actorName: z.nullable(z.string()),
  actorSub: z.nullable(z.string()),
  fanpassHost: z.string(),
  tag: z.nullable(z.string()),
  title: z.nullable(z.string()),
  sourceType: z.nullable(z.number()),
  notes: z.nullable(z.string()),
  userIdCount: z.nullable(z.number()),
  bodySha256: z.nullable(z.string()),
  correlationId: z.nullable(z.string()),
  httpStatus: z.nullable(z.number()),
  messages: z.array(z.string()),
  errors: z.array(z.string()),
  jobId: z.nullable(z.string()),
  /** The X-Console-Batch UUID of the segments one confirmation sent together; null for a single send. */
  batchId: z.nullable(z.string()),
  /** Kind-specific facts: property names sent, a job's request counts and status. */
  details: z.record(z.string(), z.unknown()),
  /** 'storing' when an accepted segment's ID list follows. */
  listState: listStateSchema,
})

/** One record of the team history as /console/history returns it. */
export const historyRecordSchema = z.extend(newHistoryRecordSchema, {
  annotations: z.nullable(recordAnnotationsSchema),
})

/** One kept version of a tag, and whether a searched ID is in it. */
export const fanVersionSchema = z.object({
  recordId: z.string(),
  tag: z.string(),
  title: z.nullable(z.string()),
  createdAt: z.string(),
  actorName: z.nullable(z.string()),
  idCount: z.number(),
  containsId: z.boolean(),
})

/** A finished (or cancelled) properties job, as the page files it (POST /console/history/jobs). */
export const propertiesJobSchema = z.object({
  jobId: z.string().check(z.maxLength(200)),
  createdAt: z.iso.datetime(),
  requestsPlanned: z.int().check(z.minimum(0)),
  requestsSucceeded: z.int().check(z.minimum(0)),
  requestsFailed: z.int().check(z.minimum(0)),
  usersUpdated: z.int().check(z.minimum(0)),
  status: z.enum(['succeeded', 'partial', 'failed', 'cancelled']),
})

/** GET /console/history/session */
export const sessionAnswerSchema = z.object({ scope: z.string() })
/** GET /console/history/records */
export const recordListAnswerSchema = z.object({ records: z.array(historyRecordSchema) })
/** GET /console/history/records/:id */
export const recordAnswerSchema = z.object({ record: historyRecordSchema })
/** GET /console/history/tags/:tag/latest: null when nobody's upload of the tag was accepted. */
export const latestRecordAnswerSchema = z.object({ record: z.nullable(historyRecordSchema) })
/**
 * The headers of a segment send the console's page compared against a version of its tag
 * (server/history/send-guard.ts): the record id of the team's last accepted upload of the tag,
 * or "none" when it had none, and the tag (URI-encoded). A send without them is forwarded as is.
 */
export const COMPARED_RECORD_HEADER = 'x-console-compared-record'
export const COMPARED_TAG_HEADER = 'x-console-compared-tag'
export const NO_COMPARED_RECORD = 'none'
/**
 * The header every segment send of one batch (many segments, one confirmation) carries: the same
 * UUID on each, so History shows them together. A value that is not a UUID is ignored.
 */
export const BATCH_HEADER = 'x-console-batch'

/**
 * The console's 409 to a compared send, answered before anything reached FanPass: 'newer-version'
 * when the tag has an accepted upload newer than the compared one (record), 'in-flight' while
 * a colleague's send to the tag is on its way (actorName). `errors` holds the same sentence
 * as FanPass's envelope would, for a client that reads only that.
 */
export const sendConflictAnswerSchema = z.object({
  status: z.literal(409),
  conflict: z.enum(['newer-version', 'in-flight']),
  sentence: z.string(),
  errors: z.array(z.string()),
  actorName: z.nullable(z.string()),
  record: z.nullable(historyRecordSchema),
})

/** GET /console/history/fans?userId=… */
export const fanAnswerSchema = z.object({ versions: z.array(fanVersionSchema) })
/** GET /console/history/dead-letter: uploads this console could not record, kept in DATA_DIR/dead-letter. */
export const deadLetterAnswerSchema = z.object({ count: z.int().check(z.minimum(0)) })
/** POST /console/history/jobs */
export const jobFiledAnswerSchema = z.object({ id: z.string() })
/** POST /console/history/import: imported is false when the record was already there. */
export const importAnswerSchema = z.object({ id: z.string(), imported: z.boolean() })
/** PUT /console/history/records/:id/annotations */
export const annotatedAnswerSchema = z.object({ ok: z.literal(true) })

export type RecordKind = z.infer<typeof recordKindSchema>
export type RecordOrigin = z.infer<typeof recordOriginSchema>
export type ListState = z.infer<typeof listStateSchema>
export type RecordAnnotations = z.infer<typeof recordAnnotationsSchema>
export type NewHistoryRecord = z.infer<typeof newHistoryRecordSchema>
export type HistoryRecord = z.infer<typeof historyRecordSchema>
export type FanVersion = z.infer<typeof fanVersionSchema>
export type SendConflictAnswer = z.infer<typeof sendConflictAnswerSchema>
export type PropertiesJob = z.infer<typeof propertiesJobSchema>
