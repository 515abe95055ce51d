// The bulk tab: choose a properties CSV or workbook, map its columns, check the preview and the
// plan, send it. Layout only: the file and its worker are usePropertyFile's, the mapping
// useTableMapping's, the plan usePropertyPlan's and sending useSendTablePlan's.
import { Alert, Button, Group, List, Loader, NativeSelect, Stack, Text } from '@mantine/core'
import { useMemo } from 'react'
import { FileField } from '../../../lib/file-field'
import { formatBytes, formatCount, formatQuantity } from '../../../lib/format'
import { RecalledReadingLine } from '../../../lib/recalled-reading-line'
import { usePropertySettings } from '../../../lib/use-property-settings'
import { recalledMappingSentence } from '../domain/remembered-mapping'
import type { PlanOutline } from '../domain/table-plan'
import { ColumnMapping } from './column-mapping'
import { PreviewGrid } from './preview-grid'
import { usePropertyFile } from './use-property-file'
import { usePropertyPlan } from './use-property-plan'
import { useSendTablePlan } from './use-send-table-plan'
import { useTableMapping } from './use-table-mapping'

const PROPERTY_FILE_TYPES = [
  '.csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods',
  'text/csv,text/tab-separated-values,text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel.sheet.macroEnabled.12,application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
].join(',')

/** A CSV of user IDs and property values: pick the columns, check the preview, send the plan. */
export function BulkCsvPanel() {
  const settings = usePropertySettings()
  const tableMapping = useTableMapping()
  const { mapping, recalled } = tableMapping
  const file = usePropertyFile({ onOpened: tableMapping.open, onClosed: tableMapping.close })
  const reading = file.state
  const opened = reading.status === 'opened' ? reading : null
  const table = opened?.table ?? null
  const rows = opened?.rows ?? null
  const planner = opened?.planner ?? null

  const registered = useMemo(
    () => new Set(settings.registeredAttributes),
    [settings.registeredAttributes],
  )
  // Analysing and planning a large file takes a while, so it runs in the worker; the page keeps
  // showing the last answer, marked as being updated, until the one for this mapping arrives.
  const {
    view,
    current,
    error: planError,
  } = usePropertyPlan(planner, mapping, registered, settings.batchSize)
  const analysis = view?.summary ?? null
  const plan = current ? (view?.outline ?? null) : null
  const { sendPlan, sending, sendError, blocker } = useSendTablePlan(opened, view, plan)

  return (
    <Stack gap="md">
      <FileField
        label="Properties CSV or workbook"
        description="A CSV, or an Excel (.xlsx, .xlsm, .xls) or OpenDocument (.ods) workbook: a header row naming the columns, one column of user IDs, one column per property. An empty cell leaves that property as it is."
        accept={PROPERTY_FILE_TYPES}
        onChange={(event) => file.choose(event.currentTarget.files?.[0])}
      />
      {table?.workbook && table.workbook.sheets.length > 1 && (
        <NativeSelect
          label={`Sheet in ${table.name}`}
          value={String(table.workbook.sheet)}
          onChange={(event) => file.chooseSheet(Number(event.currentTarget.value))}
          data={table.workbook.sheets.map((sheet, index) => ({
            value: String(index),
            label: sheet.hidden ? `${sheet.name} (hidden)` : sheet.name,
          }))}
        />
      )}

      <div aria-live="polite">
        {reading.status === 'reading' && (
          <Group gap="sm">
            <Loader size="xs" />
            <Text size="sm">
              Reading {reading.file.name}: {formatBytes(reading.bytesRead)} of{' '}
              {formatBytes(reading.totalBytes)}
            </Text>
            <Button size="xs" variant="subtle" onClick={file.stop}>
              Stop reading
            </Button>
          </Group>
        )}
        {reading.status === 'failed' && (
          <Alert color="red" title="The file could not be used" role="alert">
            {reading.sentence}
          </Alert>
        )}
      </div>

      {table !== null && mapping !== null && analysis === null && planError === null && (
        <Group gap="sm">
          <Loader size="xs" />
          <Text size="sm">Checking the columns of {table.name}…</Text>
        </Group>
      )}
      {planError !== null && (
        <Alert color="red" title="No plan yet" role="alert">
          {planError}
        </Alert>
      )}
      {table !== null && rows !== null && mapping !== null && analysis !== null && (
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
          {recalled && (
            <RecalledReadingLine
              sentence={recalledMappingSentence(mapping, table.columns)}
              onUndo={tableMapping.restoreAutomatic}
            />
          )}
          <ColumnMapping
            columns={analysis.columns}
            mapping={mapping}
            onChange={tableMapping.choose}
          />
          <PreviewGrid rows={rows} columns={analysis.columns} name={table.name} />
          <Text size="sm">
            {formatQuantity(analysis.rowsRead, 'row')} read;{' '}
            {formatQuantity(analysis.truncatedCells, 'value')} will be truncated to 36 characters;{' '}
            {formatQuantity(analysis.ignoredColumns, 'column')} ignored
            {analysis.skippedRows > 0 &&
              `; ${formatQuantity(analysis.skippedRows, 'row')} skipped (no usable user ID)`}
            {analysis.rowsWithoutValues > 0 &&
              `; ${formatQuantity(analysis.rowsWithoutValues, 'row')} with every cell empty (nothing to change)`}
            {analysis.trimmedValues > 0 &&
              `; ${formatQuantity(analysis.trimmedValues, 'value had spaces around it', 'values had spaces around them')}, trimmed`}
            {analysis.idsCorrected > 0 &&
              `; ${formatQuantity(analysis.idsCorrected, 'user ID')} cleaned (spaces or a trailing “.0” removed)`}
            .
          </Text>
          {analysis.skippedExamples.length > 0 && (
            <List size="sm" c="amber" aria-label="Skipped rows">
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
          {current ? (
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
          {sendError !== null && (
            <Text size="sm" c="red" role="alert">
              {sendError}
            </Text>
          )}
          <Group>
            <Button
              onClick={() => void sendPlan()}
              disabled={blocker !== null || plan === null || !plan.ok}
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

/** "tier with kit; seat": the groups of properties sent together, in column order. */
function groupsSentence(groups: readonly (readonly string[])[]): string {
  return groups.map((group) => group.join(' with ')).join('; ')
}

function strategySentence(plan: PlanOutline & { ok: true }, batchSize: number): string {
  const users = formatCount(batchSize)
  switch (plan.strategy) {
    case 'by-row':
      return `Users whose values are all the same share a request, up to ${users} users each.`
    case 'by-pair':
      return `Each request sets one property to one value for up to ${users} users, so a user appears once per property: fewer requests than grouping whole rows for this file.`
    case 'by-column-group':
      return `Properties that vary together are sent together (${groupsSentence(plan.groups)}): each request sets one combination of their values for up to ${users} users, so a user appears once per group. That takes fewer requests than whole rows or one property at a time.`
  }
}

function PlanSummary({
  plan,
  rows,
  batchSize,
}: {
  plan: PlanOutline | null
  rows: number
  batchSize: number
}) {
  if (plan === null) return null
  if (!plan.ok) {
    return (
      <Alert color="red" title="Some users have two different values for one property" role="alert">
        <List size="sm">
          {plan.conflicts.map((conflict) => (
            <List.Item key={`${conflict.userId} ${conflict.property}`}>
              User {conflict.userId} has{' '}
              {conflict.values.map((value) => `“${value}”`).join(' and ')} for {conflict.property}.
            </List.Item>
          ))}
        </List>
        <Text size="sm" mt="xs">
          {plan.conflictCount > plan.conflicts.length &&
            `And ${formatCount(plan.conflictCount - plan.conflicts.length)} more. `}
          FanPass would keep whichever arrived last. Fix the file so each user has one value per
          property, then choose it again.
        </Text>
      </Alert>
    )
  }
  return (
    <div>
      <Text fw={700} role="status" aria-label="Plan">
        {formatQuantity(rows, 'row')} → {formatQuantity(plan.requests, 'request')}
      </Text>
      <Text size="sm" c="dimmed">
        {strategySentence(plan, batchSize)} Values are sent as written; FanPass keeps the first 36
        characters of longer ones.
      </Text>
    </div>
  )
}
