// How far the sending of a batch (many segments, one confirmation) has got, one line per tag:
// the state the batch flow keeps in a reducer and the result list shows.
import type { FanPassResult } from '../../../lib/fanpass-client'
import { formatQuantity } from '../../../lib/format'
import type { PreparedSegment, SourceSummary } from '../worker/types'

export type BatchLineStatus = 'waiting' | 'sending' | 'accepted' | 'failed' | 'changed'

export interface BatchLine {
  segment: PreparedSegment
  /** The version of the tag the marketer confirmed against (X-Console-Compared-Record). */
  comparedRecord: string | undefined
  /** The files read when it was prepared, as History records them: a retry records the same. */
  sources: readonly SourceSummary[]
  status: BatchLineStatus
  /** FanPass's answer, once it answered. */
  result: FanPassResult | null
  /** The line as the marketer reads it. */
  sentence: string
}

export interface BatchProgress {
  /** The X-Console-Batch of every send of the batch, retries included. */
  batchId: string
  lines: BatchLine[]
}

/** A segment on its way, with the version of its tag the marketer confirmed against. */
type ToSend = Pick<BatchLine, 'segment' | 'comparedRecord' | 'sources'>

export type BatchProgressAction =
  | { type: 'confirmed'; batchId: string; segments: readonly ToSend[] }
  /** Sends some again, compared anew when a colleague's version was compared again. */
  | { type: 'retrying'; segments: readonly ToSend[] }
  | { type: 'sending'; tag: string }
  | { type: 'answered'; tag: string; result: FanPassResult }
  /** The console's server refused the send (409): the tag changed since it was compared. */
  | { type: 'changed'; tag: string; sentence: string }
  /** The send did not get as far as an answer (the page's own failure). */
  | { type: 'broken'; tag: string; sentence: string }

const WAITING = 'Waiting to be sent.'

function line(tag: string, result: FanPassResult): Pick<BatchLine, 'status' | 'sentence'> {
  return result.kind === 'succeeded'
    ? { status: 'accepted', sentence: `Segment ${tag} replaced. ${result.sentence}` }
    : { status: 'failed', sentence: `Segment ${tag} was not replaced. ${result.sentence}` }
}

/**
 * e.g. (null, confirmed [planFull, planHalf]) → two lines 'Waiting to be sent.';
 * then answered planFull 200 → planFull 'Segment planFull replaced. FanPass accepted the request.'
 */
export function batchProgressReducer(
  progress: BatchProgress | null,
  action: BatchProgressAction,
): BatchProgress | null {
  if (action.type === 'confirmed') {
    return {
      batchId: action.batchId,
      lines: action.segments.map(({ segment, comparedRecord, sources }) => ({
        segment,
        comparedRecord,
        sources,
        status: 'waiting',
        result: null,
        sentence: WAITING,
      })),
    }
  }
  if (progress === null) return null
  const update = (tag: string, change: (current: BatchLine) => Partial<BatchLine>) => ({
    ...progress,
    lines: progress.lines.map((current) =>
      current.segment.tag === tag ? { ...current, ...change(current) } : current,
    ),
  })
  switch (action.type) {
    case 'retrying':
      return {
        ...progress,
        lines: progress.lines.map((current) => {
          const again = action.segments.find((next) => next.segment.tag === current.segment.tag)
          // A tag FanPass accepted is never sent again, whatever the caller asks.
          return again && current.status !== 'accepted'
            ? { ...current, ...again, status: 'waiting', result: null, sentence: WAITING }
            : current
        }),
      }
    case 'sending':
      return update(action.tag, () => ({ status: 'sending', sentence: 'Sending…' }))
    case 'answered':
      return update(action.tag, () => ({
        ...line(action.tag, action.result),
        result: action.result,
      }))
    case 'changed':
      return update(action.tag, () => ({ status: 'changed', sentence: action.sentence }))
    case 'broken':
      return update(action.tag, () => ({ status: 'failed', sentence: action.sentence }))
  }
}

/** The lines Retry sends again: every one FanPass did not accept, save those a colleague changed. */
export function failedLines(progress: BatchProgress | null): BatchLine[] {
  return progress?.lines.filter((current) => current.status === 'failed') ?? []
}

/** The lines whose tag a colleague replaced after the comparison: to compare again, not to retry. */
export function changedLines(progress: BatchProgress | null): BatchLine[] {
  return progress?.lines.filter((current) => current.status === 'changed') ?? []
}

/**
 * The batch's outcome in one sentence, for the live region once every send has ended.
 * e.g. 3 accepted, 1 failed → '3 of 4 segments replaced; 1 was not.'
 */
export function batchSentence(progress: BatchProgress): string {
  const total = progress.lines.length
  const accepted = progress.lines.filter((current) => current.status === 'accepted').length
  const failed = failedLines(progress).length
  const changed = changedLines(progress).length
  if (accepted === total) return `All ${formatQuantity(total, 'segment')} replaced.`
  const parts = [`${accepted} of ${formatQuantity(total, 'segment')} replaced`]
  if (failed > 0) parts.push(`${failed} ${failed === 1 ? 'was' : 'were'} not`)
  if (changed > 0) {
    parts.push(`${changed} changed since you compared ${changed === 1 ? 'it' : 'them'}`)
  }
  return `${parts.join('; ')}.`
}
