import { Alert, Card, Grid, Group, Stack, Text, Title } from '@mantine/core'
import { useCallback } from 'react'
import { formatBytes } from '../../../lib/format'
import { LazyBoundary } from '../../../lib/lazy-part'
import type { DateOrderAnswer, SegmentRecipes } from '../../../lib/recipe-link'
import { useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { sendSentence } from '../domain/send-sentence'
import { capturePageRecipe } from './capture-page-recipe'
import { IdPreview } from './id-preview'
import { IdSourcesPanel } from './id-sources-panel'
import {
  BatchConfirmDialog,
  BatchResult,
  CombineControl,
  ConfirmReplaceDialog,
  RecipeRefreshCard,
  SplitTable,
  usePreloadLaterParts,
} from './lazy-parts'
import { LiveAnnouncer } from './live-announcer'
import { SaveRecipeDialog } from './save-recipe-dialog'
import { SegmentForm } from './segment-form'
import { UploadResult } from './upload-result'
import { useBatchUploadFlow } from './use-batch-upload-flow'
import { useHistoryPrefill } from './use-history-prefill'
import { useIdSources } from './use-id-sources'
import { useRecipeRefresh } from './use-recipe-refresh'
import { useSegmentUploadFlow } from './use-segment-upload-flow'
import { useStampWhenSent } from './use-stamp-when-sent'

interface SegmentsPageProps {
  /** The team's recipes (the app gives the recipes feature's); without them, no recipe controls. */
  recipes?: SegmentRecipes
}

/** The Segments page's layout; its flow is useSegmentUploadFlow, its sources useIdSources. */
export function SegmentsPage({ recipes }: SegmentsPageProps) {
  usePreloadLaterParts()
  const ids = useIdSources()
  const recipeRun = useStampWhenSent()
  const flow = useSegmentUploadFlow(ids, recipeRun.accepted)
  const batch = useBatchUploadFlow(ids, flow.form, recipeRun.accepted)
  const { split } = ids
  const session = useSessionToken()
  useHistoryPrefill(flow.form, ids.addKeptList)
  const toRun = recipes?.toRun ?? null
  // The recipe ran when FanPass accepted what its refresh built, once per refresh; the date
  // orders answered on its cards go back to the recipe then.
  const recipeRefresh = useRecipeRefresh(ids, flow.form, (applied) => {
    if (applied === null || !recipes || toRun?.state !== 'ready') {
      recipeRun.arm(null)
      return
    }
    const { id, version, recipe } = toRun
    const markRun = (dateOrders: DateOrderAnswer[]) =>
      recipes.markRun({ id, version, recipe, dateOrders })
    recipeRun.arm(() => void applied.dateOrders().then(markRun, () => markRun([])))
  })

  const { form } = flow
  // Stable while the sources stand still (`ids` is one object per state), so the memoised dialog
  // skips the page's renders of the confirmation opening and closing.
  const captureRecipe = useCallback(() => {
    const { title, tag } = form.getValues()
    return capturePageRecipe(ids, { title, tag })
  }, [form, ids])

  const previewCard = ids.combined && (
    <Card withBorder>
      <IdPreview
        preview={ids.preview}
        listVersion={ids.combined.version}
        total={ids.combined.total}
        sendSentence={sendSentence(ids.combined.total, split)}
        onDownload={flow.downloadIds}
      />
    </Card>
  )

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
            {recipes && toRun && (
              <LazyBoundary label="Loading the recipe">
                <RecipeRefreshCard
                  toRun={toRun}
                  refresh={recipeRefresh}
                  onDismiss={recipes.dismiss}
                />
              </LazyBoundary>
            )}
            <IdSourcesPanel ids={ids} />
            {ids.sources.length > 1 && (
              <Card withBorder>
                <LazyBoundary label="Loading how the sources combine">
                  <CombineControl
                    mode={ids.mode}
                    combined={ids.combined}
                    recalled={ids.recalledCombination}
                    split={split}
                    onChange={ids.setMode}
                    onMoveUp={ids.moveUp}
                    onUseAutomatic={ids.restoreAutomaticCombination}
                  />
                </LazyBoundary>
              </Card>
            )}
            {!split && previewCard}
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
              {ids.combined?.blocking !== undefined && (
                <Alert color="red" title="Nothing can be sent yet">
                  {ids.combined.blocking}
                </Alert>
              )}
              <SegmentForm
                form={flow.form}
                onSubmit={split ? batch.openBatchConfirmation : flow.openConfirmation}
                onCopyCurl={flow.copyCurl}
                uploadDisabled={
                  split
                    ? ids.busy ||
                      batch.sending ||
                      split.blocking !== null ||
                      split.ticked === 0 ||
                      ids.combined?.blocking !== undefined
                    : flow.uploadDisabled
                }
                uploadPending={split ? batch.sending : flow.uploadPending}
                splitSegments={split?.ticked ?? null}
              />
              {flow.sendingBytes !== null && (
                // Spoken by the LiveAnnouncer below, so not a live region of its own.
                <Text size="sm">Sending {formatBytes(flow.sendingBytes)} to FanPass…</Text>
              )}
              {flow.outcome && <UploadResult {...flow.outcome} />}
              {batch.progress && (
                <LazyBoundary label="Loading the batch results">
                  <BatchResult
                    progress={batch.progress}
                    sending={batch.sending}
                    failedCount={batch.failedCount}
                    changedCount={batch.changedCount}
                    onRetryFailed={batch.retryFailed}
                    onCompareChangedAgain={batch.compareChangedAgain}
                  />
                </LazyBoundary>
              )}
              {recipes && (
                <Group>
                  <SaveRecipeDialog capture={captureRecipe} save={recipes.save} />
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        {split && (
          // The whole width: a laptop's left column is too narrow for the tags and titles.
          <Grid.Col span={12}>
            <Stack gap="lg">
              <Card withBorder>
                <LazyBoundary label="Loading the segments of the split">
                  <SplitTable split={split} refusal={ids.splitRefusal} actions={ids} />
                </LazyBoundary>
              </Card>
              {previewCard}
            </Stack>
          </Grid.Col>
        )}
      </Grid>
      <LiveAnnouncer announcements={[...flow.announcements, batch.announcement]} />
      {flow.confirmation && (
        <LazyBoundary label="Loading the confirmation">
          <ConfirmReplaceDialog {...flow.confirmation} />
        </LazyBoundary>
      )}
      {batch.confirmation && (
        <LazyBoundary label="Loading the confirmation">
          <BatchConfirmDialog {...batch.confirmation} />
        </LazyBoundary>
      )}
    </Stack>
  )
}
