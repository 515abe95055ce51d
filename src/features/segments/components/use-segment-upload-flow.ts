// The Segments page's flow from "Upload segment" to FanPass's answer: the form, the confirmation
// with the comparison against the team's last version, the send, what is announced and notified,
// and the focus given back when the dialog goes. The page only lays it out.
import { zodResolver } from '@hookform/resolvers/zod'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import { NO_COMPARED_RECORD, type SendConflictAnswer } from '../../../../contracts/history'
import { useConsoleConfig } from '../../../lib/console-config'
import type { FanPassResult } from '../../../lib/fanpass-client'
import { errorMessage, formatBytes, formatCount } from '../../../lib/format'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import { useSessionToken } from '../../../lib/session-token'
import { previousUploadQueryOptions, type SegmentDiff } from '../api/previous-upload'
import {
  replaceSegmentInputSchema,
  SEGMENTS_PATH,
  useSegmentUpload,
  type ReplaceSegmentInput,
  type SegmentFields,
  type SegmentUpload,
} from '../api/replace-segment'
import { curlCommand } from '../domain/curl-command'
import type { Announcement } from '../domain/id-sources'
import { suggestNotes } from '../domain/suggest-notes'
import { announce } from './live-announcer'
import {
  recordingNotices,
  refusedWithoutToken,
  showRecordingNotices,
  useFocusReturn,
} from './upload-shared'
import type { IdSources } from './use-id-sources'

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

/**
 * The console's 409 as the confirmation says it.
 * e.g. Sam Roe's 51,200-ID upload at 10:02 → 'Sam Roe replaced this tag at 10:02, after you opened this (now 51,200 IDs): compare again.'
 */
export function conflictSentence(conflict: SendConflictAnswer): string {
  const { record } = conflict
  if (conflict.conflict === 'in-flight' || record === null) return conflict.sentence
  return `${record.actorName ?? 'A colleague'} replaced this tag at ${clock.format(new Date(record.createdAt))}, after you opened this (now ${formatCount(record.userIdCount ?? 0)} IDs): compare again. Nothing was sent.`
}

const emptyForm: ReplaceSegmentInput = {
  title: '',
  tag: '',
  sourceType: 0,
  notes: '',
  userIdCount: 0,
}

/** The request the confirmation dialog is about, with the list version it was built from. */
interface Confirming {
  segment: SegmentUpload
  listVersion: number
  bodyBytes: number
}

/** What the confirmation dialog shows, and what its buttons do. */
export interface Confirmation {
  tag: string
  newCount: number
  bodyBytes: number
  /** null: the team never uploaded the tag (or see missingReason); undefined: still comparing. */
  previous: SegmentDiff | null | undefined
  missingReason: string | null
  /** Why the last press sent nothing: a colleague replaced the tag since (compare again). */
  conflict: string | null
  pending: boolean
  onConfirm: () => void
  onClose: () => void
}

export interface SegmentUploadFlow {
  form: UseFormReturn<ReplaceSegmentInput>
  /**
   * "Upload segment": checks the form and the token, then opens the confirmation while the
   * team's last version of the tag is fetched and compared in the worker.
   */
  openConfirmation: () => void
  copyCurl: () => void
  /** Saves the final list, named after the tag. */
  downloadIds: () => void
  /** Set while the confirmation dialog is open. */
  confirmation: Confirmation | null
  /** The size of the request on its way to FanPass; null when nothing is being sent. */
  sendingBytes: number | null
  /** FanPass's answer to the last upload, with a retry when it makes sense. */
  outcome: { result: FanPassResult; tag: string; retrying: boolean; onRetry: () => void } | null
  /** Upload and Copy as cURL wait for the sources to be read and for a send to end. */
  uploadDisabled: boolean
  uploadPending: boolean
  /** What the page's live region speaks: the sources' news and the upload's. */
  announcements: (Announcement | null)[]
}

/**
 * The form and the upload flow of the Segments page over `ids`; `onAccepted` is told each time
 * FanPass accepts the segment.
 * e.g. flow.openConfirmation() → flow.confirmation { tag: 'vip', newCount: 3, previous: undefined, … } → its onConfirm() sends
 */
export function useSegmentUploadFlow(
  ids: IdSources,
  onAccepted: () => void = () => {},
): SegmentUploadFlow {
  const config = useConsoleConfig()
  const session = useSessionToken()
  const segmentUpload = useSegmentUpload()
  const form = useForm<ReplaceSegmentInput>({
    resolver: zodResolver(replaceSegmentInputSchema),
    defaultValues: emptyForm,
  })
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  // Set at "Upload segment", before the request is prepared, so the team's previous list is
  // fetched and compared while the worker builds the request.
  const [compared, setCompared] = useState<{ tag: string; listVersion: number } | null>(null)
  const [conflict, setConflict] = useState<string | null>(null)
  const [uploadAnnouncement, setUploadAnnouncement] = useState<Announcement | null>(null)
  // Counted once when the request is prepared: counting a 10M-ID body again takes seconds.
  const [sentBytes, setSentBytes] = useState(0)
  const rememberFocus = useFocusReturn(confirming !== null)
  const total = ids.combined?.total ?? 0
  const readySources = useMemo(
    () => ids.sources.flatMap((source) => (source.status === 'ready' ? [source.summary] : [])),
    [ids.sources],
  )
  const previous = useQuery({
    ...previousUploadQueryOptions(
      ids.diffAgainstKept,
      compared?.tag ?? '',
      compared?.listVersion ?? 0,
    ),
    enabled: compared !== null,
  })

  // The notes follow the sources until the marketer writes notes of their own.
  const sourceNames = readySources.map((summary) => summary.name).join('\n')
  useEffect(() => {
    if (form.getFieldState('notes').isDirty) return
    form.setValue(
      'notes',
      total > 0 ? suggestNotes(sourceNames === '' ? [] : sourceNames.split('\n'), total) : '',
    )
  }, [form, sourceNames, total])

  // Stable while the form and the list stand still, so the page's parts that take them skip the
  // renders of opening and closing the confirmation. The submission ends once the fields are
  // valid: held open until `next` is done, its end would re-render the form in the same task as
  // the confirmation opening, seconds later with a large list.
  const withValidForm = useCallback(
    (next: (fields: SegmentFields) => Promise<void>) => {
      form.setValue('userIdCount', total)
      void form.handleSubmit(({ userIdCount: _count, ...fields }) => {
        // What goes wrong after the form (the worker refusing the list, the clipboard) is said,
        // never left as an unhandled rejection the marketer cannot see.
        next(fields).catch((error: unknown) => {
          const sentence = isIngestError(error) ? error.sentence : errorMessage(error)
          setUploadAnnouncement(announce(sentence))
          notifications.show({ color: 'red', message: sentence })
        })
      })()
    },
    [form, total],
  )

  const closeConfirmation = () => {
    setConfirming(null)
    setCompared(null)
    setConflict(null)
  }

  const openConfirmation = useCallback(() => {
    rememberFocus()
    withValidForm(async (fields) => {
      if (refusedWithoutToken(session.refusal)) return
      const listVersion = ids.combined?.version ?? 0
      setCompared({ tag: fields.tag, listVersion })
      const upload = await ids.prepareUpload(fields)
      setConfirming({
        segment: {
          fields,
          upload,
          sources: readySources,
          targetHost: config.data?.host ?? 'unknown',
        },
        listVersion,
        bodyBytes: upload.body.size,
      })
    })
  }, [rememberFocus, withValidForm, session.refusal, ids, readySources, config.data?.host])

  const copyCurl = useCallback(
    () =>
      withValidForm(async (fields) => {
        const body = await ids.requestBody(fields)
        const base =
          config.data && config.data.target !== 'sandbox'
            ? `https://${config.data.host}`
            : window.location.origin
        await navigator.clipboard.writeText(curlCommand(`${base}${SEGMENTS_PATH}`, body))
        notifications.show({
          message: 'Copied the cURL command. It reads the token from $FANPASS_TOKEN.',
        })
      }),
    [withValidForm, ids, config.data],
  )
  const downloadIds = useCallback(
    () => void ids.downloadIds(`${form.getValues('tag') || 'segment'}-ids.txt`),
    [ids, form],
  )

  const send = (segment: SegmentUpload, bodyBytes: number) => {
    if (segmentUpload.isPending) return
    setSentBytes(bodyBytes)
    setUploadAnnouncement(announce(`Sending ${formatBytes(bodyBytes)} to FanPass…`))
    segmentUpload.mutate(segment, {
      onSuccess: (outcome) => {
        const { result, conflict: refused } = outcome
        if (refused) {
          // Nothing reached FanPass. The dialog stays; the mutation's settling refetches the
          // team's last version, so the diff and the shrink guard are computed against it.
          const sentence = conflictSentence(refused)
          setConflict(sentence)
          setUploadAnnouncement(announce(sentence))
          return
        }
        closeConfirmation()
        const { tag } = segment.fields
        if (result.kind === 'succeeded') {
          ids.rememberUploadTag(tag)
          onAccepted()
        }
        const headline =
          result.kind === 'succeeded'
            ? `Segment ${tag} replaced.`
            : `Segment ${tag} was not replaced.`
        setUploadAnnouncement(announce(`${headline} ${result.sentence}`))
        showRecordingNotices(recordingNotices(outcome))
      },
      onError: (error) => {
        closeConfirmation()
        setUploadAnnouncement(announce(error.message))
        notifications.show({ color: 'red', message: error.message })
      },
    })
  }

  const lastSent = segmentUpload.variables

  return {
    form,
    openConfirmation,
    copyCurl,
    downloadIds,
    confirmation: confirming && {
      tag: confirming.segment.fields.tag,
      newCount: confirming.segment.upload.idCount,
      bodyBytes: confirming.bodyBytes,
      // Still comparing, or comparing again after a colleague's upload.
      previous: previous.isFetching || previous.isPending ? undefined : (previous.data ?? null),
      missingReason: previous.isError ? previous.error.message : null,
      conflict,
      pending: segmentUpload.isPending,
      onClose: closeConfirmation,
      onConfirm: () =>
        send(
          {
            ...confirming.segment,
            // Only a version the marketer was shown is vouched for; an unreadable one is not.
            comparedRecord: previous.isSuccess
              ? (previous.data?.recordId ?? NO_COMPARED_RECORD)
              : undefined,
          },
          confirming.bodyBytes,
        ),
    },
    sendingBytes: segmentUpload.isPending && lastSent ? sentBytes : null,
    // A send the console refused before FanPass saw it has no FanPass outcome: the dialog says why.
    outcome:
      segmentUpload.data && segmentUpload.data.conflict === null && lastSent
        ? {
            result: segmentUpload.data.result,
            tag: lastSent.fields.tag,
            retrying: segmentUpload.isPending,
            onRetry: () => send(lastSent, sentBytes),
          }
        : null,
    // A source whose conditions cannot apply was emptied: sending the rest would be wrong.
    uploadDisabled: ids.busy || segmentUpload.isPending || ids.combined?.blocking !== undefined,
    uploadPending: segmentUpload.isPending,
    announcements: [ids.announcement, uploadAnnouncement],
  }
}
