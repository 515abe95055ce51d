import type { ApiContext, ApiOutcome } from './api-context.ts'
import { describeJsonValue, readRequestFields, userIdsTypeError } from './api-context.ts'

// The collection: "Unique alphanumeric identifier used as the primary key. No spaces allowed."
const TAG_PATTERN = /^[A-Za-z0-9]+$/
// The collection lists sourceType 0 (Ticketing ID) to 4 (Subscriber ID); 0 is the default.
const SOURCE_TYPES = new Set([0, 1, 2, 3, 4])
const REQUIRED_FIELDS = ['title', 'tag', 'userIds'] as const

/**
 * POST /api/v1/segments: creates the segment or fully replaces its member list ("rinse and replace").
 * e.g. {title:'User Group 1', tag:'userGroup1', userIds:['1','2','3']} → 200 'Segment User Group 1 queued 3 for import'.
 */
export function replaceSegment(body: unknown, context: ApiContext): ApiOutcome {
  const request = readRequestFields(body, REQUIRED_FIELDS)
  if (!request.ok) return request.outcome
  const { fields, missing, errors } = request

  const { title, tag, userIds, sourceType = 0, notes } = fields
  if (!missing.includes('title') && typeof title !== 'string') {
    errors.push(`The title must be text, but it is ${describeJsonValue(title)}.`)
  }
  if (!missing.includes('tag')) {
    if (typeof tag !== 'string') {
      errors.push(`The tag must be text, but it is ${describeJsonValue(tag)}.`)
    } else if (!TAG_PATTERN.test(tag)) {
      errors.push(
        `The tag "${tag}" may contain only letters and digits (A-Z, a-z, 0-9), with no spaces or symbols.`,
      )
    }
  }
  if (!missing.includes('userIds')) {
    const userIdsError = userIdsTypeError(userIds)
    if (userIdsError) errors.push(userIdsError)
  }
  if (sourceType !== null && !SOURCE_TYPES.has(sourceType as number)) {
    errors.push(
      `sourceType must be a whole number from 0 to 4 (0 = Ticketing ID), but it is ${JSON.stringify(sourceType)}.`,
    )
  }
  if (notes !== undefined && notes !== null && typeof notes !== 'string') {
    errors.push(`notes must be text, but it is ${describeJsonValue(notes)}.`)
  }
  if (errors.length > 0) return { status: 400, messages: [], errors }

  const segment = {
    tag: tag as string,
    title: title as string,
    sourceType: (sourceType ?? 0) as number,
    notes: (notes ?? null) as string | null,
    userIds: userIds as string[],
    updatedAt: context.now().toISOString(),
  }
  context.store.replaceSegment(segment)
  return {
    status: 200,
    messages: [`Segment ${segment.title} queued ${segment.userIds.length} for import`],
    errors: [],
  }
}
