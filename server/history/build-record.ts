import type { ScannedBody } from './body-scanner.ts'
import { MAX_RECORDED_CHARS } from './body-scanner.ts'
import type { NewHistoryRecord } from './history-store.ts'
import { recordedText } from './recorded-text.ts'
import type { Caller } from './who.ts'

/** What is known of one forwarded request once it has streamed through and FanPass answered (or not). */
export interface ForwardedRequestFacts {
  id: string
  createdAt: string
  isSegment: boolean
  caller: Caller | null
  /** The history scope (FanPass host and club) the record is kept under (who.ts historyScope). */
  scope: string
  fanpassHost: string
  /** The X-Console-Job-Id header a properties job sends with each request. */
  jobId: string | undefined
  /** The X-Console-Batch header of a segment sent as part of a batch, unchecked. */
  batchId: string | undefined
  scanned: ScannedBody
  bodySha256: string
  /** FanPass's status, or null when it never answered. */
  status: number | null
  /** FanPass's answer, when it sent one. */
  bodyText: string | null
  /** The console's own sentences, when FanPass did not answer. */
  consoleErrors: string[]
}

/**
 * FanPass's envelope fields, kept as the history can store them; anything else reads as empty.
 * e.g. '{"correlationId":"c-1","messages":["ok"],"errors":[]}' → {correlationId: 'c-1', messages: ['ok'], errors: []}
 */
export function envelopeParts(bodyText: string | null): {
  correlationId: string | null
  messages: string[]
  errors: string[]
} {
  try {
    const parsed: unknown = JSON.parse(bodyText ?? '')
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an envelope')
    const envelope = parsed as Record<string, unknown>
    const texts = (value: unknown) =>
      Array.isArray(value) ? value.filter((item) => typeof item === 'string').slice(0, 100) : []
    return {
      correlationId: typeof envelope.correlationId === 'string' ? envelope.correlationId : null,
      messages: texts(envelope.messages).map((text) => recordedText(text, MAX_RECORDED_CHARS)),
      errors: texts(envelope.errors).map((text) => recordedText(text, MAX_RECORDED_CHARS)),
    }
  } catch {
    return { correlationId: null, messages: [], errors: [] }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The batch a segment send belongs to: its X-Console-Batch header when that is a UUID (the
 * column's type), else none, so a stray header never costs the record.
 * e.g. '3F2504E0-4F89-41D3-9A0C-0305E82C3301' → '3f2504e0-4f89-41d3-9a0c-0305e82c3301'; 'batch-1' → null
 */
export function batchIdOf(header: string | undefined): string | null {
  return header !== undefined && UUID.test(header) ? header.toLowerCase() : null
}

/**
 * The record of one forwarded request, from the fields its body scan found and FanPass's
 * answer; its list state is 'none' until the recorder decides to keep the list.
 * e.g. a segment body {"tag":"vip",…} answered 200 → {kind: 'segment', tag: 'vip', httpStatus: 200, …}
 */
export function buildRecord(facts: ForwardedRequestFacts): NewHistoryRecord {
  const { scanned, isSegment, caller } = facts
  const envelope = envelopeParts(facts.bodyText)
  const text = (value: unknown) => (typeof value === 'string' ? value : null)
  const sourceType = scanned.fields.sourceType
  return {
    id: facts.id,
    scope: facts.scope,
    kind: isSegment ? 'segment' : 'properties-request',
    origin: 'console',
    createdAt: facts.createdAt,
    actorName: caller?.name ?? null,
    actorSub: caller?.sub ?? null,
    fanpassHost: facts.fanpassHost,
    tag: isSegment ? text(scanned.fields.tag) : null,
    title: isSegment ? text(scanned.fields.title) : null,
    sourceType: typeof sourceType === 'number' && Number.isInteger(sourceType) ? sourceType : null,
    notes: isSegment ? text(scanned.fields.notes) : null,
    userIdCount: scanned.userIdCount,
    bodySha256: facts.bodySha256,
    correlationId: envelope.correlationId,
    httpStatus: facts.status,
    messages: envelope.messages,
    errors: [...envelope.errors, ...facts.consoleErrors],
    jobId: facts.jobId === undefined ? null : recordedText(facts.jobId, 200),
    batchId: isSegment ? batchIdOf(facts.batchId) : null,
    details: isSegment ? {} : { propertyNames: scanned.propertyNames },
    listState: 'none',
  }
}
