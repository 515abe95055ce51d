// A split's rows as the marketer edited them (tag, title, tick) over the rule's tags and titles,
// and what stops the batch: each ticked tag and title checked as the segment form checks one,
// tags shared after the rule, and the limit on segments per send.
import { checkSegmentBatch } from '../../domain/rows/segment-batch-check'
import { tagFromValue, titleFromPattern, type PlannedSegment } from '../../domain/rows/tag-rule'
import type { SplitSettings } from '../types'
import type { ComputedSegment } from './split-plan'

/** A change the marketer makes to one value's row; what is not given stays. */
export interface SplitSegmentEdit {
  tag?: string
  title?: string
  ticked?: boolean
}

export interface PlannedRow extends PlannedSegment, ComputedSegment {
  ticked: boolean
  /** Set when the rule made no tag and the marketer typed none. */
  noLetters: string | null
}

export interface CheckedSplit {
  rows: PlannedRow[]
  /** Each value's tag and title problems, by exact value. */
  byValue: Map<string, { tag: string | null; title: string | null }>
  /** Everything that stops the batch, first first. */
  problems: string[]
}

/**
 * The rows with their tags, titles and ticks, and what stops the batch.
 * e.g. values Gold and gold, prefix "plan" → problems ['"Gold" and "gold" both make the tag planGold: edit one of them.']
 */
export function checkSplit(
  segments: readonly ComputedSegment[],
  settings: SplitSettings,
  edits: ReadonlyMap<string, SplitSegmentEdit>,
): CheckedSplit {
  const { tagPrefix, titlePattern } = settings
  const rows: PlannedRow[] = segments.map((segment) => {
    const edit = edits.get(segment.value)
    const rule = tagFromValue(tagPrefix, segment.value)
    const ruleTag = rule.kind === 'tag' ? rule.tag : ''
    return {
      ...segment,
      tag: edit?.tag ?? ruleTag,
      title: edit?.title ?? titleFromPattern(titlePattern, segment.value),
      ticked: edit?.ticked ?? true,
      noLetters: edit?.tag === undefined && rule.kind === 'no-letters' ? rule.sentence : null,
    }
  })
  const byValue = new Map<string, { tag: string | null; title: string | null }>()
  const note = (value: string, field: 'tag' | 'title', sentence: string) => {
    const known = byValue.get(value) ?? { tag: null, title: null }
    byValue.set(value, { ...known, [field]: known[field] ?? sentence })
  }
  const ticked = rows.filter((row) => row.ticked)
  const noLetters = new Map(ticked.map((row) => [row.value, row.noLetters]))
  const problems: string[] = []
  if (ticked.length === 0) problems.push('Tick at least one value to upload its segment.')
  for (const problem of checkSegmentBatch(ticked)) {
    if (problem.kind === 'too-many-segments') {
      problems.push(problem.sentence)
    } else if (problem.kind === 'tag-collision') {
      // Two values without a tag are each told to type one already.
      if (problem.tag.trim() === '') continue
      note(problem.values[0], 'tag', problem.sentence)
      note(problem.values[1], 'tag', problem.sentence)
      problems.push(problem.sentence)
    } else {
      const sentence =
        (problem.kind === 'invalid-tag' && noLetters.get(problem.value)) || problem.sentence
      note(problem.value, problem.kind === 'invalid-tag' ? 'tag' : 'title', sentence)
      problems.push(sentence)
    }
  }
  return { rows, byValue, problems }
}
