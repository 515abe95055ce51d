// What the single-segment flow and the batch flow do alike around a send: the token check before
// a confirmation opens, the notices about recording in the team history, and the focus given
// back when a confirmation goes.
import { notifications } from '@mantine/notifications'
import { useCallback, useEffect, useRef } from 'react'
import { getToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import type { SegmentUploadOutcome } from '../api/replace-segment'

/**
 * Tells the marketer to paste a token when there is none; true when it did (open nothing).
 * e.g. no token, refusal null → notification 'Paste your API token under Connection before uploading.', true
 */
export function refusedWithoutToken(refusal: string | null): boolean {
  if (getToken() !== '') return false
  notifications.show({ color: 'red', message: tokenHint(refusal, 'before uploading') })
  return true
}

/**
 * What the marketer should know about how the team history took an upload, one sentence each.
 * e.g. accepted, recorded as pending → ['This upload is not recorded in the team history yet; …']
 */
export function recordingNotices(outcome: SegmentUploadOutcome): string[] {
  const { result, recordedAs, notRecorded } = outcome
  const notices: string[] = []
  if (result.kind === 'succeeded' && recordedAs?.state === 'pending') {
    notices.push(
      'This upload is not recorded in the team history yet; it will be when the database answers again.',
    )
  }
  if (result.kind === 'succeeded' && recordedAs?.state === 'not-recorded') {
    notices.push(
      "FanPass has this upload, but the console's server could not record it in the team history.",
    )
  }
  if (notRecorded !== null) {
    notices.push(`The upload finished, but it could not be added to History: ${notRecorded}`)
  }
  return notices
}

/** Shows each notice once, in orange: a batch of ten pending uploads says so once. */
export function showRecordingNotices(notices: readonly string[]): void {
  for (const message of new Set(notices)) notifications.show({ color: 'orange', message })
}

/**
 * Gives the focus back to what had it when a dialog opened, once the dialog is gone: the dialogs
 * unmount rather than close, so Mantine cannot do it. Returns `remember`, called as it opens.
 */
export function useFocusReturn(dialogOpen: boolean): () => void {
  const focusBeforeDialog = useRef<HTMLElement | null>(null)
  // The element had the focus when the dialog opened, so it is in view: scrolling it there again
  // would force a layout of the whole page in this task (~200 ms under load at 10M IDs).
  useEffect(() => {
    if (dialogOpen) return
    const before = focusBeforeDialog.current
    focusBeforeDialog.current = null
    before?.focus({ preventScroll: true })
  }, [dialogOpen])
  return useCallback(() => {
    if (document.activeElement instanceof HTMLElement) {
      focusBeforeDialog.current = document.activeElement
    }
  }, [])
}
