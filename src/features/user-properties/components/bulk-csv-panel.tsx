import { Alert, Button, Group, List, Loader, Stack, Text } from '@mantine/core'
import { useDeferredValue, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { formatBytes, formatCount, formatQuantity } from '../../../lib/format'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import { readPropertyFile } from '../../../lib/ingest/property-table-client'
import type { PropertyTable } from '../../../lib/ingest/read-property-table'
import { usePropertySettings } from '../api/property-settings'
import { planRequests, type PlanResult } from '../domain/plan-requests'
import { analyseTable, defaultMapping, type TableMapping } from '../domain/property-table'
import { ColumnMapping } from './column-mapping'
import { FileField } from './file-field'
import { PreviewGrid } from './preview-grid'
import { useSendPlan } from './use-send-plan'

type Reading =
  | { status: 'idle' }
  | { status: 'reading'; name: string; bytesRead: number; totalBytes: number }
  | { status: 'error'; sentence: string }

/** A CSV of user IDs and property values: pick the columns, check the preview, send the plan. */
export function BulkCsvPanel() {
  const settings = usePropertySettings()
  const { send, blocker } = useSendPlan()
  const [reading, setReading] = useState<Reading>({ status: 'idle' })
  const [table, setTable] = useState<PropertyTable | null>(null)
  const [mapping, setMapping] = useState<TableMapping | null>(null)
  const [sending, setSending] = useState(false)
  const abort = useRef<AbortController | null>(null)

  const registered = useMemo(
    () => new Set(settings.registeredAttributes),
    [settings.registeredAttributes],
  )
  // Renaming a column replans a large file; typing stays responsive while that catches up.
  const deferredMapping = useDeferredValue(mapping)
  const analysis = useMemo(
    () =>
      table === null || deferredMapping === null
        ? null
        : analyseTable(table, deferredMapping, registered),
    [table, deferredMapping, registered],
  )
  const plan: PlanResult | null = useMemo(
    () =>
      analysis === null || analysis.problems.length > 0 || analysis.rows.length === 0
        ? null
        : planRequests(analysis.rows, { batchSize: settings.batchSize }),
    [analysis, settings.batchSize],
  )

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0]
    abort.current?.abort()
    setTable(null)
    setMapping(null)
    if (file === undefined) {
      setReading({ status: 'idle' })
      return
    }
    const controller = new AbortController()
    abort.current = controller
    setReading({ status: 'reading', name: file.name, bytesRead: 0, totalBytes: file.size })
    try {
      const read = await readPropertyFile(file, {
        signal: controller.signal,
        onProgress: (bytesRead, totalBytes) =>
          setReading({ status: 'reading', name: file.name, bytesRead, totalBytes }),
      })
      if (controller.signal.aborted) return
      setTable(read)
      setMapping(defaultMapping(read.columns, read.suggestedIdColumn))
      setReading({ status: 'idle' })
    } catch (error) {
      if (controller.signal.aborted) return
      setReading({
        status: 'error',
        sentence: isIngestError(error) ? error.sentence : `${file.name} could not be read.`,
      })
    }
  }

  const cancelReading = () => {
    abort.current?.abort()
    setReading({ status: 'idle' })
  }

  const sendPlan = async () => {
    if (plan === null || !plan.ok || table === null) return
    setSending(true)
    try {
      await send(plan.plan.requests, table.name)
    } finally {
      setSending(false)
    }
  }

  return (
    <Stack gap="md">
      <FileField
        label="Properties CSV"
        description="A header row naming the columns, one column of user IDs, one column per property. An empty cell leaves that property as it is."
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
        onChange={(event) => void chooseFile(event)}
      />

      <div aria-live="polite">
        {reading.status === 'reading' && (
          <Group gap="sm">
            <Loader size="xs" />
            <Text size="sm">
              Reading {reading.name}: {formatBytes(reading.bytesRead)} of{' '}
              {formatBytes(reading.totalBytes)}
            </Text>
            <Button size="xs" variant="subtle" onClick={cancelReading}>
              Stop reading
            </Button>
          </Group>
        )}
        {reading.status === 'error' && (
          <Alert color="red" title="The file could not be used" role="alert">
            {reading.sentence}
          </Alert>
        )}
      </div>

      {table !== null && mapping !== null && analysis !== null && (
        <>
          {table.warnings.length > 0 && (
            <Alert color="yellow" title={`About ${table.name}`}>
              <List size="sm">
                {table.warnings.map((warning) => (
                  <List.Item key={warning}>{warning}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <ColumnMapping columns={analysis.columns} mapping={mapping} onChange={setMapping} />
          <PreviewGrid table={table} columns={analysis.columns} name={table.name} />
          <Text size="sm">
            {formatQuantity(analysis.rowsRead, 'row')} read;{' '}
            {formatQuantity(analysis.truncatedCells, 'value')} will be truncated to 36 characters;{' '}
            {formatQuantity(analysis.ignoredColumns, 'column')} ignored
            {analysis.skippedRows > 0 &&
              `; ${formatQuantity(analysis.skippedRows, 'row')} skipped (no usable user ID)`}
            {analysis.rowsWithoutValues > 0 &&
              `; ${formatQuantity(analysis.rowsWithoutValues, 'row')} with every cell empty (nothing to change)`}
            {analysis.idsCorrected > 0 &&
              `; ${formatQuantity(analysis.idsCorrected, 'user ID')} cleaned (spaces or a trailing “.0” removed)`}
            .
          </Text>
          {analysis.skippedExamples.length > 0 && (
            <List size="sm" c="amber.9" aria-label="Skipped rows">
              {analysis.skippedExamples.map((example) => (
                <List.Item key={example.row}>{example.sentence}</List.Item>
              ))}
            </List>
          )}
          {analysis.problems.length > 0 && (
            <Alert color="red" title="This cannot be sent yet" role="alert">
              <List size="sm">
                {analysis.problems.map((problem) => (
                  <List.Item key={problem}>{problem}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {mapping === deferredMapping ? (
            <PlanSummary plan={plan} rows={analysis.rowsUsed} batchSize={settings.batchSize} />
          ) : (
            <Text size="sm" c="dimmed">
              Updating the plan…
            </Text>
          )}
          {blocker !== null && (
            <Text size="sm" c="dimmed">
              {blocker}
            </Text>
          )}
          <Group>
            <Button
              onClick={() => void sendPlan()}
              disabled={
                blocker !== null || plan === null || !plan.ok || mapping !== deferredMapping
              }
              loading={sending}
            >
              Send updates
            </Button>
          </Group>
        </>
      )}
    </Stack>
  )
}

function PlanSummary({
  plan,
  rows,
  batchSize,
}: {
  plan: PlanResult | null
  rows: number
  batchSize: number
}) {
  if (plan === null) return null
  if (!plan.ok) {
    const shown = plan.conflicts.slice(0, 5)
    return (
      <Alert color="red" title="Some users have two different values for one property" role="alert">
        <List size="sm">
          {shown.map((conflict) => (
            <List.Item key={`${conflict.userId} ${conflict.property}`}>
              User {conflict.userId} has{' '}
              {conflict.values.map((value) => `“${value}”`).join(' and ')} for {conflict.property}.
            </List.Item>
          ))}
        </List>
        <Text size="sm" mt="xs">
          {plan.conflicts.length > shown.length &&
            `And ${formatCount(plan.conflicts.length - shown.length)} more. `}
          FanPass would keep whichever arrived last. Fix the file so each user has one value per
          property, then choose it again.
        </Text>
      </Alert>
    )
  }
  const { requests, strategy } = plan.plan
  return (
    <div>
      <Text fw={700} role="status" aria-label="Plan">
        {formatQuantity(rows, 'row')} → {formatQuantity(requests.length, 'request')}
      </Text>
      <Text size="sm" c="dimmed">
        {strategy === 'by-row'
          ? `Users whose values are all the same share a request, up to ${formatCount(batchSize)} users each.`
          : `Each request sets one property to one value for up to ${formatCount(batchSize)} users, so a user appears once per property: fewer requests than grouping whole rows for this file.`}{' '}
        Values are sent as written; FanPass keeps the first 36 characters of longer ones.
      </Text>
    </div>
  )
}
