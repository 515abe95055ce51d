// The Segments page's flow for a split (many segments, one confirmation): the batch prepared in
// the worker, one confirmation listing each tag's change against the team's last version, the
// sends two at a time (each with its own lost-update guard and the batch's header), a result line
// per tag in the batch's order, and "Retry the N that failed". The page only lays it out.
import { notifications } from '@mantine/notifications'
import { useQueries, useQueryClient } from '@tanstack/react-query'
import pLimit from 'p-limit'
import { useCallback, useMemo, useReducer, useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { NO_COMPARED_RECORD } from '../../../../contracts/history'
import { useConsoleConfig } from '../../../lib/console-config'
import { errorMessage, formatQuantity } from '../../../lib/format'
import { historyQueryKey } from '../../../lib/history/history-queries'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import { useSessionToken } from '../../../lib/session-token'
import { previousUploadQueryOptions, type SegmentDiff } from '../api/previous-upload'
import { sendSegment, type ReplaceSegmentInput } from '../api/replace-segment'
import {
  batchProgressReducer,
  batchSentence,
  changedLines,
  failedLines,
  type BatchLine,
  type BatchProgress,
} from '../domain/batch-progress'
import type { Announcement } from '../domain/id-sources'
import type { PreviousListDiff } from '../worker/segment-workspace'
import type { PreparedBatch, PreparedSegment, SourceSummary } from '../worker/types'
import { announce } from './live-announcer'
import {
  recordingNotices,
  refusedWithoutToken,
  showRecordingNotices,
  useFocusReturn,
} from './upload-shared'
import type { IdSources } from './use-id-sources'
import { conflictSentence } from './use-segment-upload-flow'

/** What the batch flow needs of the page's sources (useIdSources gives all of it). */
export interface BatchSources {
  sources: IdSources['sources']
  /** The ticked segments of the split, each with its exact request body; rejects with a sentence. */
  prepareBatch: (fields: { sourceType: number; notes: string }) => Promise<PreparedBatch>
  /** How `tag`'s list in the prepared batch differs from a kept list, the history's answer's bytes. */
  diffSegmentAgainst: (tag: string, kept: ArrayBuffer) => Promise<PreviousListDiff>
}

/** One tag in the confirmation, with its change against the team's last version. */
export interface BatchConfirmationRow {
  segment: PreparedSegment
  /** null: the team never uploaded the tag (or see missingReason); undefined: still comparing. */
  previous: SegmentDiff | null | undefined
  missingReason: string | null
}

/** What the batch's confirmation dialog shows, and what its buttons do. */
export interface BatchConfirmation {
  rows: BatchConfirmationRow[]
  bodyBytes: number
  onConfirm: () => void
  onClose: () => void
}

export interface BatchUploadFlow {
  /** "Upload N segments": checks the token, prepares the batch, opens the confirmation. */
  openBatchConfirmation: () => void
  confirmation: BatchConfirmation | null
  /** One line per tag of the last batch confirmed; null before any. */
  progress: BatchProgress | null
  /** True while a batch's sends are on their way. */
  sending: boolean
  /** How many tags FanPass did not accept, and how many a colleague replaced meanwhile. */
  failedCount: number
  changedCount: number
  /** Sends again the tags FanPass did not accept; null when none failed (or while sending). */
  retryFailed: (() => void) | null
  /** Opens the confirmation again for the tags a colleague replaced meanwhile; null when none. */
  compareChangedAgain: (() => void) | null
  announcement: Announcement | null
}

interface Confirming {
  batchId: string
  /** Names this opening, so a comparison made for an earlier one is never reused. */
  comparison: string
  segments: PreparedSegment[]
  /** The files read when the batch was prepared, as History records them with each send. */
  sources: readonly SourceSummary[]
}

/**
 * Segments of a batch on their way at once. The issue allows "one after another (or two at a
 * time)": two halves a batch's wait on FanPass's answer without letting one marketer's batch
 * crowd the server's upstream connections.
 */
export const BATCH_SENDS_AT_ONCE = 2

/**
 * Why tags that changed meanwhile cannot be compared again: the split, edited since the batch was
 * prepared, no longer makes them (unticked, or their tag renamed).
 * e.g. ['planFlex'] → 'The split no longer makes planFlex: upload the segments again to send what it makes now.'
 */
export function noLongerInSplitSentence(tags: readonly string[]): string {
  return `The split no longer makes ${tags.join(', ')}: upload the segments again to send what it makes now.`
}

/**
 * The batch flow over `sources`; sourceType and notes come from the segment form, each tag and
 * title from the split. `onAccepted` is told each time FanPass accepts one of its segments.
 * e.g. flow.openBatchConfirmation() → flow.confirmation { rows: [planFullSeason …, planFlex …] } → onConfirm() sends them two at a time
 */
export function useBatchUploadFlow(
  sources: BatchSources,
  form: UseFormReturn<ReplaceSegmentInput>,
  onAccepted: () => void = () => {},
): BatchUploadFlow {
  const config = useConsoleConfig()
  const session = useSessionToken()
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [progress, dispatch] = useReducer(batchProgressReducer, null)
  const [sending, setSending] = useState(false)
  const [announcement, setAnnouncement] = useState<Announcement | null>(null)
  const rememberFocus = useFocusReturn(confirming !== null)
  const { diffSegmentAgainst } = sources

  const comparisons = useQueries({
    queries: (confirming?.segments ?? []).map((segment) =>
      previousUploadQueryOptions(
        (kept) => diffSegmentAgainst(segment.tag, kept),
        segment.tag,
        `batch:${confirming?.comparison ?? ''}`,
      ),
    ),
  })

  const readySources = useMemo(
    () => sources.sources.flatMap((source) => (source.status === 'ready' ? [source.summary] : [])),
    [sources.sources],
  )

  const refuse = useCallback((sentence: string) => {
    setAnnouncement(announce(sentence))
    notifications.show({ color: 'red', message: sentence })
  }, [])

  /**
   * Prepares the batch from the split as it is now, then opens the confirmation for the tags
   * `pick` keeps: what is compared and what is sent always come from the same preparation.
   */
  const prepareAndOpen = useCallback(
    (batchId: string, pick: (segments: PreparedSegment[]) => PreparedSegment[] | string) => {
      rememberFocus()
      void (async () => {
        if (refusedWithoutToken(session.refusal)) return
        if (!(await form.trigger(['sourceType', 'notes']))) return
        const { sourceType, notes } = form.getValues()
        try {
          const batch = await sources.prepareBatch({ sourceType, notes: notes.trim() })
          const picked = pick(batch.segments)
          if (typeof picked === 'string') {
            refuse(picked)
            return
          }
          setConfirming({
            batchId,
            comparison: crypto.randomUUID(),
            segments: picked,
            sources: readySources,
          })
        } catch (error) {
          refuse(isIngestError(error) ? error.sentence : errorMessage(error))
        }
      })()
    },
    [rememberFocus, session.refusal, form, sources, readySources, refuse],
  )

  const openBatchConfirmation = useCallback(
    () => prepareAndOpen(crypto.randomUUID(), (segments) => segments),
    [prepareAndOpen],
  )

  /**
   * Sends `lines` BATCH_SENDS_AT_ONCE at a time, in their order: a failure leaves the others to go
   * on, and each answer lands on its own line, so the lines keep the batch's order.
   */
  const sendLines = async (batchId: string, lines: readonly BatchLine[]) => {
    setSending(true)
    const { sourceType, notes } = form.getValues()
    const notices: string[] = []
    let latest: BatchProgress | null = progress
    const step = (action: Parameters<typeof batchProgressReducer>[1]) => {
      latest = batchProgressReducer(latest, action)
      dispatch(action)
    }
    if (latest?.batchId !== batchId) {
      step({ type: 'confirmed', batchId, segments: lines })
    } else {
      step({ type: 'retrying', segments: lines })
    }
    const sendOne = async (
      { segment, comparedRecord, sources: read }: BatchLine,
      index: number,
    ) => {
      step({ type: 'sending', tag: segment.tag })
      setAnnouncement(
        announce(
          `Sending ${segment.tag}, ${index + 1} of ${formatQuantity(lines.length, 'segment')}…`,
        ),
      )
      try {
        const outcome = await sendSegment({
          fields: { title: segment.title, tag: segment.tag, sourceType, notes: notes.trim() },
          upload: { body: segment.body, idCount: segment.idCount },
          sources: read,
          targetHost: config.data?.host ?? 'unknown',
          comparedRecord,
          batchId,
        })
        if (outcome.conflict) {
          step({ type: 'changed', tag: segment.tag, sentence: conflictSentence(outcome.conflict) })
        } else {
          step({ type: 'answered', tag: segment.tag, result: outcome.result })
          notices.push(...recordingNotices(outcome))
          if (outcome.result.kind === 'succeeded') onAccepted()
        }
      } catch (error) {
        step({
          type: 'broken',
          tag: segment.tag,
          sentence: `Segment ${segment.tag} was not replaced: ${errorMessage(error)}`,
        })
      }
    }
    // sendOne never rejects: each failure is its line's.
    await pLimit(BATCH_SENDS_AT_ONCE).map(lines, sendOne)
    setSending(false)
    showRecordingNotices(notices)
    if (latest) setAnnouncement(announce(batchSentence(latest)))
    await queryClient.invalidateQueries({ queryKey: historyQueryKey })
  }

  const rows: BatchConfirmationRow[] = (confirming?.segments ?? []).map((segment, index) => {
    const query = comparisons[index]
    return {
      segment,
      // Still comparing, or comparing again after a colleague's upload.
      previous:
        query === undefined || query.isFetching || query.isPending
          ? undefined
          : (query.data ?? null),
      missingReason: query?.isError ? query.error.message : null,
    }
  })

  const failed = failedLines(progress)
  const changed = changedLines(progress)
  return {
    openBatchConfirmation,
    confirmation: confirming && {
      rows,
      bodyBytes: confirming.segments.reduce((sum, segment) => sum + segment.body.size, 0),
      onClose: () => setConfirming(null),
      onConfirm: () => {
        if (sending) return
        const lines = confirming.segments.map((segment, index): BatchLine => {
          const query = comparisons[index]
          return {
            segment,
            // Only a version the marketer was shown is vouched for; an unreadable one is not.
            comparedRecord: query?.isSuccess
              ? (query.data?.recordId ?? NO_COMPARED_RECORD)
              : undefined,
            sources: confirming.sources,
            status: 'waiting',
            result: null,
            sentence: '',
          }
        })
        setConfirming(null)
        void sendLines(confirming.batchId, lines)
      },
    },
    progress,
    sending,
    failedCount: failed.length,
    changedCount: changed.length,
    retryFailed:
      failed.length > 0 && !sending && progress
        ? () => void sendLines(progress.batchId, failed)
        : null,
    compareChangedAgain:
      changed.length > 0 && !sending && progress
        ? () => {
            // The split may have changed since the batch was prepared (its sources, conditions,
            // tags or ticks): the tags are prepared and compared again as it is now.
            const tags = changed.map((line) => line.segment.tag)
            prepareAndOpen(progress.batchId, (segments) => {
              const again = segments.filter((segment) => tags.includes(segment.tag))
              const gone = tags.filter((tag) => !again.some((segment) => segment.tag === tag))
              return gone.length > 0 ? noLongerInSplitSentence(gone) : again
            })
          }
        : null,
    announcement,
  }
}
