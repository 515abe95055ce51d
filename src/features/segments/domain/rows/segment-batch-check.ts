// A batch of segments is checked as the segment form checks one segment (the same zod rules,
// imported, not re-declared), plus what only a batch can get wrong: two values giving one tag,
// and too many segments for one send.
import * as z from 'zod/mini'
import { segmentFieldsSchema } from '../segment-fields'
import {
  MAX_SEGMENTS_PER_SEND,
  tooManySegments,
  type BatchProblem,
  type PlannedSegment,
} from './tag-rule'

function firstIssue(schema: z.ZodMiniType, input: string): string | null {
  const result = z.safeParse(schema, input)
  return result.success ? null : (result.error.issues[0]?.message ?? 'Not valid.')
}

/**
 * What stops a batch from being sent, each with its sentence; [] when it can go.
 * Tags are compared ignoring case: FanPass documents a tag as its primary key without saying
 * whether case counts, so "planGold" and "plangold" are not risked side by side.
 * e.g. [{ value: "Gold", tag: "planGold" }, { value: "gold", tag: "planGold" }] → tag-collision:
 *   '"Gold" and "gold" both make the tag planGold: edit one of them.'
 */
export function checkSegmentBatch(segments: readonly PlannedSegment[]): BatchProblem[] {
  const problems: BatchProblem[] = []
  if (segments.length > MAX_SEGMENTS_PER_SEND) {
    problems.push(tooManySegments(segments.length))
  }
  const byTag = new Map<string, PlannedSegment>()
  for (const segment of segments) {
    const tagIssue = firstIssue(segmentFieldsSchema.shape.tag, segment.tag)
    if (tagIssue !== null) {
      problems.push({
        kind: 'invalid-tag',
        value: segment.value,
        sentence: `The tag of "${segment.value.trim()}": ${tagIssue}`,
      })
    }
    const titleIssue = firstIssue(segmentFieldsSchema.shape.title, segment.title)
    if (titleIssue !== null) {
      problems.push({
        kind: 'invalid-title',
        value: segment.value,
        sentence: `The title of "${segment.value.trim()}": ${titleIssue}`,
      })
    }
    const key = segment.tag.trim().toLowerCase()
    const other = byTag.get(key)
    if (other === undefined) {
      byTag.set(key, segment)
      continue
    }
    problems.push({
      kind: 'tag-collision',
      values: [other.value, segment.value],
      tag: segment.tag,
      sentence: `"${other.value}" and "${segment.value}" both make the tag ${segment.tag}${other.tag === segment.tag ? '' : ` (as ${other.tag})`}: edit one of them.`,
    })
  }
  return problems
}
