// "One segment per value of…": the split the worker holds for the Segments page. The settings
// (source, column, tag prefix, title pattern), the marketer's edits of each value's tag, title and
// tick, the segments' ID lists (the kept rows split by value, then the other sources applied to
// each as the combine mode says), the table the page shows page by page, and the batch it sends.
import * as z from 'zod/mini'
import { IngestError } from '../../../../lib/ingest/ingest-error'
import { SPLIT_PAGE_ROWS, splitSettingsSchema } from '../../domain/rows/split-settings'
import { segmentFieldsSchema } from '../../domain/segment-fields'
import { diffIdLists, type KeptListDiff } from '../id-list-view'
import { buildSegmentRequestBlob } from '../segment-request-body'
import type { PreparedBatch, SplitSettings } from '../types'
import { checkSplit, type CheckedSplit, type SplitSegmentEdit } from './split-check'
import {
  computeSplit,
  valuesPage,
  type Computed,
  type SplitInputs,
  type SplitValueRows,
} from './split-plan'

/** Left-out values and problems listed at most; the rest are counted. */
export const LISTED_AT_MOST = 100

/** One row of the split table: a value and the segment it makes. */
export interface SplitRowView {
  value: string
  tag: string
  title: string
  /** IDs the segment sends: its kept rows' unique IDs, with the other sources applied. */
  idCount: number
  keptRows: number
  ticked: boolean
  /** Why the tag cannot be sent (not letters and digits, shared with another value); null when it can. */
  tagProblem: string | null
  titleProblem: string | null
}

/** What the page shows of the split, one page of its table at a time. */
export interface SplitTableView {
  settings: SplitSettings
  /** Grows with every change: the page keeps the newest answer. */
  version: number
  /** Changes when the segments' ID lists do: what their comparisons are keyed by. */
  listVersion: number
  /** Why the split makes no segments (a column the file lacks, too many values…); null when it does. */
  problem: string | null
  /** Values that make a segment: the table's rows. */
  total: number
  ticked: number
  /** IDs of the ticked segments, summed. */
  tickedIds: number
  offset: number
  rows: SplitRowView[]
  /** A split with more values than one send takes: its values and kept rows, page by page. */
  tooMany: { total: number; offset: number; values: SplitValueRows[] } | null
  /** Values that make no segment, each with why (the first LISTED_AT_MOST). */
  leftOut: { value: string; sentence: string }[]
  leftOutMore: number
  /** Kept rows with no value in the split column. */
  blankSentence: string | null
  /** What stops the batch from being sent, each a sentence (the first LISTED_AT_MOST). */
  problems: string[]
  problemsMore: number
  /** The first thing stopping the batch; null when it can be sent. */
  blocking: string | null
}

/**
 * The split, its edits, and what it computed from the sources (until they change).
 * e.g. split.set({ sourceId: 't', column: 'Plan Type', tagPrefix: 'plan', titlePattern: 'Plan: {value}' });
 *   split.view(inputs, 0, 50) → rows planFullSeason (3 IDs), planHalfSeason (2 IDs)
 */
export class SegmentSplit {
  private current: SplitSettings | null = null
  /** Edits by value: values are exact strings, so "Gold" and "Gold " are two rows. */
  private readonly edits = new Map<string, SplitSegmentEdit>()
  private computed: Computed | null = null
  /** The final list's version the segments were split at. */
  private computedAt = -1
  private checked: CheckedSplit | null = null
  private version = 0
  private listVersion = 0

  get settings(): SplitSettings | null {
    return this.current
  }

  /**
   * Splits by `settings` from now on (null: no split); refuses a prefix or pattern the rule cannot
   * use, with its sentence. Another source or column forgets the edits.
   */
  set(settings: SplitSettings | null): void {
    if (settings !== null) {
      const parsed = z.safeParse(splitSettingsSchema, settings)
      if (!parsed.success) {
        const sentence = parsed.error.issues[0]?.message ?? 'This split cannot be used.'
        throw new IngestError('invalid-request', sentence)
      }
    }
    const before = this.current
    if (
      settings === null ||
      before === null ||
      before.sourceId !== settings.sourceId ||
      before.column !== settings.column
    ) {
      this.edits.clear()
      this.computed = null
    }
    this.current = settings === null ? null : { ...settings }
    this.checked = null
    this.version++
  }

  /** Changes one value's tag, title or tick. */
  edit(inputs: () => SplitInputs, value: string, change: SplitSegmentEdit): void {
    const computed = this.compute(inputs)
    if (computed.kind !== 'split' || !computed.segments.some((s) => s.value === value)) {
      throw new IngestError('invalid-request', `"${value}" is no longer a value of this split.`)
    }
    this.edits.set(value, { ...this.edits.get(value), ...change })
    this.checked = null
    this.version++
  }

  /** Ticks (or unticks) every value of the split. */
  tickAll(inputs: () => SplitInputs, ticked: boolean): void {
    const computed = this.compute(inputs)
    if (computed.kind !== 'split') return
    for (const { value } of computed.segments) {
      this.edits.set(value, { ...this.edits.get(value), ticked })
    }
    this.checked = null
    this.version++
  }

  /** The table from row `offset`, at most `limit` rows (and SPLIT_PAGE_ROWS); null without a split. */
  view(inputs: () => SplitInputs, offset: number, limit: number): SplitTableView | null {
    const settings = this.current
    if (settings === null) return null
    const computed = this.compute(inputs)
    const size = Math.max(0, Math.min(Math.floor(limit), SPLIT_PAGE_ROWS))
    const base = {
      settings: { ...settings },
      // Edits and new lists both make a newer table.
      version: this.version + this.listVersion,
      listVersion: this.listVersion,
    }
    if (computed.kind === 'problem') {
      return {
        ...base,
        problem: computed.sentence,
        total: 0,
        ticked: 0,
        tickedIds: 0,
        offset: 0,
        rows: [],
        tooMany: computed.tooMany && valuesPage(computed.tooMany, offset, size),
        leftOut: [],
        leftOutMore: 0,
        blankSentence: null,
        problems: [computed.sentence],
        problemsMore: 0,
        blocking: computed.sentence,
      }
    }
    const { rows, byValue, problems } = this.check(computed)
    const start = Math.max(0, Math.min(Math.floor(offset), rows.length))
    const ticked = rows.filter((row) => row.ticked)
    return {
      ...base,
      problem: null,
      total: rows.length,
      ticked: ticked.length,
      tickedIds: ticked.reduce((sum, row) => sum + row.ids.length, 0),
      offset: start,
      rows: rows.slice(start, start + size).map((row) => ({
        value: row.value,
        tag: row.tag,
        title: row.title,
        idCount: row.ids.length,
        keptRows: row.keptRows,
        ticked: row.ticked,
        tagProblem: byValue.get(row.value)?.tag ?? null,
        titleProblem: byValue.get(row.value)?.title ?? null,
      })),
      tooMany: null,
      leftOut: computed.leftOut.slice(0, LISTED_AT_MOST),
      leftOutMore: Math.max(0, computed.leftOut.length - LISTED_AT_MOST),
      blankSentence: computed.blankSentence,
      problems: problems.slice(0, LISTED_AT_MOST),
      problemsMore: Math.max(0, problems.length - LISTED_AT_MOST),
      blocking: problems[0] ?? null,
    }
  }

  /**
   * Each ticked segment's exact request body, in table order. Refuses, with the sentence, while
   * something stops the batch (a tag two values share, too many values…).
   */
  prepare(inputs: () => SplitInputs, fields: { sourceType: number; notes: string }): PreparedBatch {
    if (this.current === null) throw new IngestError('invalid-request', 'No split is set.')
    const computed = this.compute(inputs)
    if (computed.kind === 'problem') throw new IngestError('invalid-request', computed.sentence)
    const { rows, problems } = this.check(computed)
    const [first] = problems
    if (first !== undefined) throw new IngestError('invalid-request', first)
    return {
      segments: rows
        .filter((row) => row.ticked)
        .map((row) => {
          const parsed = z.safeParse(segmentFieldsSchema, {
            ...fields,
            tag: row.tag,
            title: row.title,
          })
          if (!parsed.success) {
            const issue = parsed.error.issues[0]?.message ?? 'Not valid.'
            throw new IngestError('invalid-request', `The segment of "${row.value}": ${issue}`)
          }
          return {
            value: row.value,
            tag: parsed.data.tag,
            title: parsed.data.title,
            idCount: row.ids.length,
            body: buildSegmentRequestBlob(parsed.data, row.ids),
          }
        }),
    }
  }

  /**
   * How the segment now tagged `tag` differs from an earlier list of it, given as the JSON array
   * the team history answers.
   * e.g. diff(inputs, 'planFlex', '["A5","A9"]') → { added: 0, removed: 1, unchanged: 1, previousSize: 2 }
   */
  diff(inputs: () => SplitInputs, tag: string, kept: Uint8Array): KeptListDiff {
    const computed = this.compute(inputs)
    const row =
      computed.kind === 'split'
        ? this.check(computed).rows.find((candidate) => candidate.tag.trim() === tag)
        : undefined
    if (row === undefined) {
      throw new IngestError('invalid-request', `No segment of this split has the tag ${tag}.`)
    }
    return diffIdLists(row.ids, kept)
  }

  private compute(inputs: () => SplitInputs): Computed {
    const settings = this.current
    if (settings === null) throw new IngestError('invalid-request', 'No split is set.')
    const given = inputs()
    if (this.computed !== null && this.computedAt === given.version) return this.computed
    this.computed = computeSplit(settings, given)
    this.computedAt = given.version
    this.checked = null
    this.listVersion++
    return this.computed
  }

  /** The rows with their tags, titles and ticks, and what stops the batch. */
  private check(computed: Extract<Computed, { kind: 'split' }>): CheckedSplit {
    this.checked ??= checkSplit(computed.segments, this.current as SplitSettings, this.edits)
    return this.checked
  }
}
