import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Card, Grid, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useConsoleConfig } from '../../../lib/console-config'
import { downloadBlob } from '../../../lib/download'
import type { FanPassResult } from '../../../lib/fanpass-client'
import { formatBytes } from '../../../lib/format'
import { loadHistoryDb } from '../../../lib/history/load-history-db'
import type { SourceSummary } from '../../../lib/ingest/types'
import { getToken, useSessionToken } from '../../../lib/session-token'
import {
  replaceSegmentInputSchema,
  SEGMENTS_PATH,
  useReplaceSegment,
  type ReplaceSegmentInput,
} from '../api/replace-segment'
import { countRemovedByKind } from '../domain/count-removed'
import { curlCommand } from '../domain/curl-command'
import { suggestNotes } from '../domain/suggest-notes'
import { CombineControl } from './combine-control'
import { ConfirmReplaceDialog } from './confirm-replace-dialog'
import { IdPreview } from './id-preview'
import { IdSourcesPanel } from './id-sources-panel'
import { announce, LiveAnnouncer, type Announcement } from './live-announcer'
import { SegmentForm } from './segment-form'
import { UploadResult } from './upload-result'
import { useHistoryPrefill } from './use-history-prefill'
import { useIdSources } from './use-id-sources'
import { usePreviousUpload } from './use-previous-upload'

interface PreparedRequest {
  input: ReplaceSegmentInput
  body: string
  bodyBytes: number
}

interface SentRequest extends PreparedRequest {
  /** The final list and its sources as they were when the marketer confirmed. */
  listVersion: number
  sources: SourceSummary[]
}

const emptyForm: ReplaceSegmentInput = {
  title: '',
  tag: '',
  sourceType: 0,
  notes: '',
  userIdCount: 0,
}

export function SegmentsPage() {
  const ids = useIdSources()
  const config = useConsoleConfig()
  const session = useSessionToken()
  const queryClient = useQueryClient()
  const replaceSegment = useReplaceSegment()
  const form = useForm<ReplaceSegmentInput>({
    resolver: zodResolver(replaceSegmentInputSchema),
    defaultValues: emptyForm,
  })
  const [confirming, setConfirming] = useState<PreparedRequest | null>(null)
  const [lastSent, setLastSent] = useState<SentRequest | null>(null)
  const [result, setResult] = useState<FanPassResult | null>(null)
  const [uploadAnnouncement, setUploadAnnouncement] = useState<Announcement | null>(null)
  const focusBeforeDialog = useRef<HTMLElement | null>(null)
  const currentListVersion = useRef(ids.listVersion)
  useEffect(() => {
    currentListVersion.current = ids.listVersion
  }, [ids.listVersion])
  const total = ids.combined?.total ?? 0
  const readySources = ids.sources.flatMap((source) =>
    source.status === 'ready' ? [source.summary] : [],
  )
  const previous = usePreviousUpload(
    ids.client,
    confirming?.input.tag ?? '',
    ids.listVersion,
    confirming !== null,
  )

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

  const withValidForm = (next: (input: ReplaceSegmentInput) => void) => {
    form.setValue('userIdCount', total)
    void form.handleSubmit(next)()
  }

  // The dialog unmounts rather than closing, so Mantine cannot hand the focus back by itself.
  useEffect(() => {
    if (confirming !== null) return
    const before = focusBeforeDialog.current
    focusBeforeDialog.current = null
    before?.focus()
  }, [confirming])

  const openConfirmation = () => {
    if (document.activeElement instanceof HTMLElement) {
      focusBeforeDialog.current = document.activeElement
    }
    withValidForm(async (input) => {
      if (getToken() === '') {
        notifications.show({
          color: 'red',
          message: 'Paste your API token under Connection before uploading.',
        })
        return
      }
      const body = await ids.client.api.buildSegmentRequestBody(input)
      setConfirming({ input, body, bodyBytes: new Blob([body]).size })
    })
  }

  const copyCurl = () =>
    withValidForm(async (input) => {
      const body = await ids.client.api.buildSegmentRequestBody(input)
      const base =
        config.data && config.data.target !== 'sandbox'
          ? `https://${config.data.host}`
          : window.location.origin
      await navigator.clipboard.writeText(curlCommand(`${base}${SEGMENTS_PATH}`, body))
      notifications.show({
        message: 'Copied the cURL command. It reads the token from $FANPASS_TOKEN.',
      })
    })

  const send = (request: SentRequest) => {
    if (replaceSegment.isPending) return
    setLastSent(request)
    setResult(null)
    setUploadAnnouncement(announce(`Sending ${formatBytes(request.bodyBytes)} to FanPass…`))
    replaceSegment.mutate(
      { input: request.input, body: request.body, token: getToken() },
      {
        onSuccess: (outcome) => {
          setResult(outcome)
          setConfirming(null)
          const { tag } = request.input
          const headline =
            outcome.kind === 'succeeded'
              ? `Segment ${tag} replaced.`
              : `Segment ${tag} was not replaced.`
          setUploadAnnouncement(announce(`${headline} ${outcome.sentence}`))
          void remember(request, outcome)
        },
        onError: (error) => {
          setConfirming(null)
          setUploadAnnouncement(announce(error.message))
          notifications.show({ color: 'red', message: error.message })
        },
      },
    )
  }

  const remember = async (request: SentRequest, outcome: FanPassResult) => {
    const succeeded = outcome.kind === 'succeeded'
    try {
      const sentIds = !succeeded
        ? null
        : // Sources may have changed while FanPass answered; then the body is the only true copy.
          request.listVersion === currentListVersion.current
          ? await ids.client.api.getResultIds()
          : (JSON.parse(request.body) as { userIds: string[] }).userIds
      const history = await loadHistoryDb()
      await history.recordSegmentSubmission({
        createdAt: Date.now(),
        targetHost: config.data?.host ?? 'unknown',
        tag: request.input.tag,
        title: request.input.title,
        sourceType: request.input.sourceType,
        notes: request.input.notes,
        files: request.sources.map((summary) => ({
          name: summary.name,
          size: summary.sizeBytes,
          sha256: summary.sha256,
        })),
        counts: {
          rowsRead: request.sources.reduce((sum, summary) => sum + summary.rowsRead, 0),
          uniqueIds: request.input.userIdCount,
          removed: countRemovedByKind(request.sources),
        },
        outcome: {
          status: succeeded ? 'succeeded' : 'failed',
          httpStatus: outcome.httpStatus,
          correlationId: outcome.correlationId,
          messages: outcome.messages,
          errors: outcome.errors,
        },
        ids: sentIds,
      })
      await queryClient.invalidateQueries({ queryKey: ['history'] })
    } catch (error) {
      notifications.show({
        color: 'orange',
        message: `The upload finished, but it could not be added to History: ${error instanceof Error ? error.message : String(error)}`,
      })
    }
  }

  const downloadIds = async () => {
    downloadBlob(
      await ids.client.api.getResultBlob('txt'),
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
                <CombineControl mode={ids.mode} combined={ids.combined} onChange={ids.setMode} />
              </Card>
            )}
            {ids.combined && (
              <Card withBorder>
                <IdPreview
                  client={ids.client}
                  listVersion={ids.listVersion}
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
                <Alert color="yellow">
                  Paste your API token under Connection before uploading.
                </Alert>
              )}
              <SegmentForm
                form={form}
                onSubmit={openConfirmation}
                onCopyCurl={copyCurl}
                uploadDisabled={ids.busy || replaceSegment.isPending}
                uploadPending={replaceSegment.isPending}
              />
              {replaceSegment.isPending && lastSent && (
                // Spoken by the LiveAnnouncer below, so not a live region of its own.
                <Text size="sm">Sending {formatBytes(lastSent.bodyBytes)} to FanPass…</Text>
              )}
              {result && lastSent && (
                <UploadResult
                  result={result}
                  tag={lastSent.input.tag}
                  retrying={replaceSegment.isPending}
                  onRetry={() => send(lastSent)}
                />
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <LiveAnnouncer announcements={[ids.announcement, uploadAnnouncement]} />
      {confirming && (
        <ConfirmReplaceDialog
          tag={confirming.input.tag}
          newCount={confirming.input.userIdCount}
          bodyBytes={confirming.bodyBytes}
          previous={previous.isPending ? undefined : (previous.data ?? null)}
          pending={replaceSegment.isPending}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            send({ ...confirming, listVersion: ids.listVersion, sources: readySources })
          }
        />
      )}
    </Stack>
  )
}
