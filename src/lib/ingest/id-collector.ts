import type { IssueRecords } from './affected-rows'
import { CLEAN_FLAG, cleanIdInto, createCleanOutcome } from './clean-id'
import { IdList } from './id-list'
import { IdSet } from './id-set'
import { IngestError } from './ingest-error'
import { findMixedLengths, LengthTally, type MixedLengthsFinding } from './mixed-lengths'
import type { IssueKind } from './types'

const FLAG_KINDS: readonly [number, IssueKind][] = [
  [CLEAN_FLAG.trimmed, 'trimmed'],
  [CLEAN_FLAG.blank, 'blank'],
  [CLEAN_FLAG.scientific, 'scientific'],
  [CLEAN_FLAG.decimalSuffix, 'decimalSuffix'],
  [CLEAN_FLAG.composite, 'composite'],
  [CLEAN_FLAG.tooLong, 'tooLong'],
  [CLEAN_FLAG.controlChars, 'controlChars'],
]

const ALL_DIGITS = /^\d+$/

/** Records the cleaning `flags` (CLEAN_FLAG bits) of `raw`, read from row `row`. */
export function recordCleaning(
  records: IssueRecords,
  flags: number,
  row: number,
  raw: string,
): void {
  for (const [flag, kind] of FLAG_KINDS) {
    if ((flags & flag) !== 0) records.add(kind, row, raw)
  }
}

/** Whether an ID counts in the mixed-lengths check: a digit-only one. */
export function countsForLength(id: string, numericKey: number): boolean {
  return numericKey !== -1 || ALL_DIGITS.test(id)
}

/**
 * The mixed-lengths check over unique IDs (`rows[i]` the row ids[i] was first seen in): records
 * each digit-only ID shorter than the typical length. null when lengths look consistent.
 */
export function recordMixedLengths(
  records: IssueRecords,
  ids: IdList,
  rows: readonly number[],
  lengths: LengthTally,
): MixedLengthsFinding | null {
  const finding = findMixedLengths(lengths, ids.length)
  if (finding !== null) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids.at(i)
      if (id.length < finding.typicalLength && ALL_DIGITS.test(id)) {
        records.add('mixedLengths', rows[i] ?? 0, id)
      }
    }
  }
  return finding
}

/** Batch key of a value that cleaning dropped (blank) or excluded (scientific). */
const DROPPED = -2
/** Batch key of a kept value with no numeric key: de-duplicated by string. */
const BY_STRING = -1

/**
 * Cleans and de-duplicates values as they stream in: the unique IDs in one IdList (exact, and
 * compact for digit-only IDs), the row each came from in a parallel array, and one IdSet for the
 * duplicate check.
 * e.g. addAll([" 12", "12"], 2) → ids ["12"], rows [2]; records: trimmed row 2, duplicate row 3
 */
export class IdCollector {
  readonly ids = new IdList()
  readonly rows: number[] = []
  readonly records: IssueRecords
  valuesRead = 0
  private seen = new IdSet()
  private readonly lengths = new LengthTally()
  private readonly outcome = createCleanOutcome()
  private readonly sourceName: string
  /** Per value of the current batch: its numeric key, BY_STRING or DROPPED. Reused. */
  private batchKeys = new Float64Array(1024)
  /** Values of the current batch that cleaning changed, by position in the batch. */
  private readonly changed = new Map<number, string>()

  constructor(records: IssueRecords, sourceName: string) {
    this.records = records
    this.sourceName = sourceName
  }

  /** Makes room for about `count` unique IDs at once, so the duplicate check need not grow. */
  expect(count: number): void {
    this.seen.reserve(count)
  }

  /**
   * Adds `values[from…]`, where values[0] was read from row `firstRow` and each next value from
   * the next row. The whole batch is cleaned first and de-duplicated after: keeping the hash
   * table's scattered memory traffic apart from reading the strings halved the de-duplication
   * time of a million IDs in a micro-benchmark. `rowNumbers[i]`, when given, is the row of
   * values[i] instead (a sheet's rows are numbered as Excel shows them, gaps included).
   */
  addAll(
    values: readonly string[],
    firstRow: number,
    from = 0,
    rowNumbers?: readonly number[],
  ): void {
    const count = values.length - from
    if (count <= 0) return
    if (this.batchKeys.length < count) this.batchKeys = new Float64Array(count)
    const keys = this.batchKeys
    const outcome = this.outcome
    const changed = this.changed
    const rowOfFirst = firstRow + from
    const rowAt = (i: number) =>
      rowNumbers === undefined ? rowOfFirst + i : (rowNumbers[from + i] as number)
    changed.clear()
    this.valuesRead += count
    for (let i = 0; i < count; i++) {
      const raw = values[from + i] as string
      cleanIdInto(raw, outcome)
      if (outcome.flags !== 0) recordCleaning(this.records, outcome.flags, rowAt(i), raw)
      const value = outcome.value
      if (value === null) {
        keys[i] = DROPPED
        continue
      }
      if (value !== raw) changed.set(i, value)
      keys[i] = outcome.numericKey === -1 ? BY_STRING : outcome.numericKey
    }
    for (let i = 0; i < count; i++) {
      const key = keys[i] as number
      if (key === DROPPED) continue
      const raw = values[from + i] as string
      const value = changed.size === 0 ? raw : (changed.get(i) ?? raw)
      if (!this.isNew(value, key)) {
        this.records.add('duplicate', rowAt(i), raw)
        continue
      }
      this.ids.push(value, key === BY_STRING ? -1 : key)
      this.rows.push(rowAt(i))
      if (countsForLength(value, key)) this.lengths.add(value)
    }
  }

  private isNew(value: string, numericKey: number): boolean {
    try {
      return this.seen.addWithKey(value, numericKey)
    } catch (error) {
      // V8 caps a Set at 2^24 entries; say so instead of failing with a RangeError.
      if (error instanceof RangeError) {
        throw new IngestError(
          'too-many-ids',
          `${this.sourceName} has more than ${this.seen.size.toLocaleString('en-US')} different IDs, more than the browser can hold at once. Split it into smaller files and upload them as separate segments.`,
        )
      }
      throw error
    }
  }

  /**
   * Ends the stream: runs the mixed-lengths check over the unique IDs and frees the Set.
   * Returns the finding (null when lengths look consistent).
   */
  finish(): MixedLengthsFinding | null {
    this.seen = new IdSet()
    return recordMixedLengths(this.records, this.ids, this.rows, this.lengths)
  }
}
