import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Card, Grid, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useConsoleConfig } from '../../../lib/console-config'
import { downloadBlob } from '../../../lib/download'
import { formatBytes } from '../../../lib/format'
import { getToken, useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { previousUploadQueryOptions } from '../api/previous-upload'
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
import { CombineControl } from './combine-control'
import { ConfirmReplaceDialog } from './confirm-replace-dialog'
import { IdPreview } from './id-preview'
import { IdSourcesPanel } from './id-sources-panel'
import { announce, LiveAnnouncer } from './live-announcer'
import { SegmentForm } from './segment-form'
import { UploadResult } from './upload-result'
import { useHistoryPrefill } from './use-history-prefill'
import { useIdSources } from './use-id-sources'

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

export function SegmentsPage() {
  const ids = useIdSources()
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
  const [uploadAnnouncement, setUploadAnnouncement] = useState<Announcement | null>(null)
  const focusBeforeDialog = useRef<HTMLElement | null>(null)
  const total = ids.combined?.total ?? 0
  const readySources = ids.sources.flatMap((source) =>
    source.status === 'ready' ? [source.summary] : [],
  )
  const previous = useQuery({
    ...previousUploadQueryOptions(ids.client, compared?.tag ?? '', compared?.listVersion ?? 0),
    enabled: compared !== null,
  })

  useHistoryPrefill(form, ids.addIdList)

  // The notes follow the sources until the marketer writes notes of their own.
  const sourceNames = readySources.map((summary) => summary.name).join('\n')
  useEffect(() => {
    if (form.getFieldState('notes').isDirty) return
    form.setValue(
      'notes',
      total > 0 ? suggestNotes(sourceNames === '' ? [] : sourceNames.split('\n'), total) : '',
    )
  }, [form, sourceNames, total])

  const withValidForm = (next: (fields: SegmentFields) => Promise<void>) => {
    form.setValue('userIdCount', total)
    void form.handleSubmit(({ userIdCount: _count, ...fields }) => next(fields))()
  }

  // The dialog unmounts rather than closing, so Mantine cannot hand the focus back by itself.
  useEffect(() => {
    if (confirming !== null) return
    const before = focusBeforeDialog.current
    focusBeforeDialog.current = null
    before?.focus()
  }, [confirming])

  const closeConfirmation = () => {
    setConfirming(null)
    setCompared(null)
  }

  const openConfirmation = () => {
    if (document.activeElement instanceof HTMLElement) {
      focusBeforeDialog.current = document.activeElement
    }
    withValidForm(async (fields) => {
      if (getToken() === '') {
        notifications.show({
          color: 'red',
          message: tokenHint(session.refusal, 'before uploading'),
        })
        return
      }
      const listVersion = ids.combined?.version ?? 0
      setCompared({ tag: fields.tag, listVersion })
      const upload = await ids.client.prepareUpload(fields)
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
  }

  const copyCurl = () =>
    withValidForm(async (fields) => {
      const body = await ids.client.requestBody(fields)
      const base =
        config.data && config.data.target !== 'sandbox'
          ? `https://${config.data.host}`
          : window.location.origin
      await navigator.clipboard.writeText(curlCommand(`${base}${SEGMENTS_PATH}`, body))
      notifications.show({
        message: 'Copied the cURL command. It reads the token from $FANPASS_TOKEN.',
      })
    })

  const send = (segment: SegmentUpload, bodyBytes: number) => {
    if (segmentUpload.isPending) return
    setUploadAnnouncement(announce(`Sending ${formatBytes(bodyBytes)} to FanPass…`))
    segmentUpload.mutate(segment, {
      onSuccess: ({ result, notRecorded, recordedAs }) => {
        closeConfirmation()
        const { tag } = segment.fields
        if (result.kind === 'succeeded') ids.rememberUploadTag(tag)
        const headline =
          result.kind === 'succeeded'
            ? `Segment ${tag} replaced.`
            : `Segment ${tag} was not replaced.`
        setUploadAnnouncement(announce(`${headline} ${result.sentence}`))
        if (result.kind === 'succeeded' && recordedAs?.state === 'pending') {
          notifications.show({
            color: 'orange',
            message:
              'This upload is not recorded in the team history yet; it will be when the database answers again.',
          })
        }
        if (result.kind === 'succeeded' && recordedAs?.state === 'not-recorded') {
          notifications.show({
            color: 'orange',
            message:
              "FanPass has this upload, but the console's server could not record it in the team history.",
          })
        }
        if (notRecorded !== null) {
          notifications.show({
            color: 'orange',
            message: `The upload finished, but it could not be added to History: ${notRecorded}`,
          })
        }
      },
      onError: (error) => {
        closeConfirmation()
        setUploadAnnouncement(announce(error.message))
        notifications.show({ color: 'red', message: error.message })
      },
    })
  }

  const lastSent = segmentUpload.variables
  const lastBodyBytes = lastSent ? lastSent.upload.body.size : 0
  const downloadIds = async () => {
    downloadBlob(
      await ids.client.getResultBlob('txt'),
      `${form.getValues('tag') || 'segment'}-ids.txt`,
    )
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Segments</Title>
        <Text c="dimmed">
          Build the member list of an Imported Segment from CSV files or pasted IDs, check it, and
          replace the segment in FanPass.
        </Text>
      </div>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <IdSourcesPanel ids={ids} />
            {ids.sources.length > 1 && (
              <Card withBorder>
                <CombineControl
                  mode={ids.mode}
                  combined={ids.combined}
                  recalled={ids.recalledCombination}
                  onChange={ids.setMode}
                  onMoveUp={ids.moveUp}
                  onUseAutomatic={ids.restoreAutomaticCombination}
                />
              </Card>
            )}
            {ids.combined && (
              <Card withBorder>
                <IdPreview
                  client={ids.client}
                  listVersion={ids.combined.version}
                  total={total}
                  onDownload={downloadIds}
                />
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder component="section" aria-labelledby="details-heading">
            <Stack>
              <Title order={3} size="h4" id="details-heading">
                Segment details
              </Title>
              {session.token === '' && (
                <Alert color="yellow">{tokenHint(session.refusal, 'before uploading')}</Alert>
              )}
              <SegmentForm
                form={form}
                onSubmit={openConfirmation}
                onCopyCurl={copyCurl}
                uploadDisabled={ids.busy || segmentUpload.isPending}
                uploadPending={segmentUpload.isPending}
              />
              {segmentUpload.isPending && lastSent && (
                // Spoken by the LiveAnnouncer below, so not a live region of its own.
                <Text size="sm">Sending {formatBytes(lastBodyBytes)} to FanPass…</Text>
              )}
              {segmentUpload.data && lastSent && (
                <UploadResult
                  result={segmentUpload.data.result}
                  tag={lastSent.fields.tag}
                  retrying={segmentUpload.isPending}
                  onRetry={() => send(lastSent, lastBodyBytes)}
                />
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <LiveAnnouncer announcements={[ids.announcement, uploadAnnouncement]} />
      {confirming && (
        <ConfirmReplaceDialog
          tag={confirming.segment.fields.tag}
          newCount={confirming.segment.upload.idCount}
          bodyBytes={confirming.bodyBytes}
          previous={previous.isPending ? undefined : (previous.data ?? null)}
          missingReason={previous.isError ? previous.error.message : null}
          pending={segmentUpload.isPending}
          onClose={() => closeConfirmation()}
          onConfirm={() => send(confirming.segment, confirming.bodyBytes)}
        />
      )}
    </Stack>
  )
}
