import type { IssueRecords } from './affected-rows'
import { CLEAN_FLAG, cleanIdInto, createCleanOutcome } from './clean-id'
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

/**
 * Cleans and de-duplicates values as they stream in. IDs stay exact strings in one flat array,
 * with the row each came from in a parallel array, and one Set for the duplicate check.
 * e.g. add(" 12", 2); add("12", 3) → ids ["12"], rows [2]; records: trimmed row 2, duplicate row 3
 */
export class IdCollector {
  readonly ids: string[] = []
  readonly rows: number[] = []
  readonly records: IssueRecords
  valuesRead = 0
  private seen = new IdSet()
  private readonly lengths = new LengthTally()
  private readonly outcome = createCleanOutcome()
  private readonly sourceName: string

  constructor(records: IssueRecords, sourceName: string) {
    this.records = records
    this.sourceName = sourceName
  }

  add(raw: string, row: number): void {
    this.valuesRead++
    const outcome = this.outcome
    cleanIdInto(raw, outcome)
    if (outcome.flags !== 0) this.recordFlags(outcome.flags, row, raw)
    const value = outcome.value
    if (value === null) return
    if (!this.isNew(value, outcome.numericKey)) {
      this.records.add('duplicate', row, raw)
      return
    }
    this.ids.push(value)
    this.rows.push(row)
    if (outcome.numeric) this.lengths.add(value)
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
    const finding = findMixedLengths(this.lengths, this.ids.length)
    if (finding !== null) {
      const { ids, rows } = this
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] ?? ''
        if (id.length < finding.typicalLength && ALL_DIGITS.test(id)) {
          this.records.add('mixedLengths', rows[i] ?? 0, id)
        }
      }
    }
    return finding
  }

  private recordFlags(flags: number, row: number, raw: string): void {
    for (const [flag, kind] of FLAG_KINDS) {
      if ((flags & flag) !== 0) this.records.add(kind, row, raw)
    }
  }
}
