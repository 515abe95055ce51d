import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  NativeSelect,
  Progress,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core'
import { formatBytes, formatCount } from '../../../lib/format'
import type { IssueSummary } from '../../../lib/ingest/types'
import { workbookFormatName } from '../../../lib/ingest/workbook/format-names'
import { LazyBoundary } from '../../../lib/lazy-part'
import { RecalledReadingLine } from '../../../lib/recalled-reading-line'
import type { SourceState } from '../domain/id-sources'
import { recalledIdColumnSentence, recalledSheetSentence } from '../domain/remembered-reading'
import type { SourceSummary, SplitSettings } from '../worker/types'
import { TableSourceTools } from './lazy-parts'
import { useReadProgress, type ReadProgressStore } from './read-progress'
import type { KeepRowsActions } from './use-keep-rows'

const encodingNames: Record<SourceSummary['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  text: 'pasted text',
}

const delimiterNames: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
}

const effectColors = {
  corrected: 'blue',
  dropped: 'gray',
  excluded: 'red',
  flagged: 'orange',
} as const

interface SourceCardProps {
  source: SourceState
  readProgress: ReadProgressStore
  onCancel: () => void
  onRemove: () => void
  onChooseIdColumn: (column: number) => void
  onUseAutomaticIdColumn: () => void
  onChooseSheet: (sheet: number) => void
  onUseAutomaticSheet: () => void
  onDownloadAffected: (issue: IssueSummary) => void
  /** "Keep rows where…" for a source with a header row and several columns. */
  keepRows: KeepRowsActions
  /** "One segment per value of…": the split on this source (null: none here), and its change. */
  split: SplitSettings | null
  onSplit: (settings: SplitSettings | null) => void
}

export function SourceCard({
  source,
  readProgress,
  onCancel,
  onRemove,
  onChooseIdColumn,
  onUseAutomaticIdColumn,
  onChooseSheet,
  onUseAutomaticSheet,
  onDownloadAffected,
  keepRows,
  split,
  onSplit,
}: SourceCardProps) {
  return (
    <Card withBorder component="article" aria-label={`Source ${source.name}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} truncate>
            {source.name}
          </Text>
          {source.status === 'reading' ? (
            <Button size="compact-sm" variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={`Remove ${source.name}`}
            >
              Remove
            </Button>
          )}
        </Group>
        {source.status === 'reading' && <ReadingProgress source={source} store={readProgress} />}
        {source.status === 'failed' && (
          <Alert color="red" role="alert" title={`${source.name} could not be read`}>
            {source.sentence}
          </Alert>
        )}
        {source.status === 'ready' && (
          <SourceDetails
            summary={source.summary}
            onChooseIdColumn={onChooseIdColumn}
            onUseAutomaticIdColumn={onUseAutomaticIdColumn}
            onChooseSheet={onChooseSheet}
            onUseAutomaticSheet={onUseAutomaticSheet}
            onDownloadAffected={onDownloadAffected}
          />
        )}
        {source.status === 'ready' &&
          source.summary.layout === 'table' &&
          source.summary.hasHeader &&
          source.summary.columns.length > 1 && (
            <LazyBoundary label={`Loading the row conditions of ${source.name}`}>
              <TableSourceTools
                sourceId={source.sourceId}
                sourceName={source.name}
                summary={source.summary}
                keepRows={keepRows}
                split={split}
                onSplit={onSplit}
              />
            </LazyBoundary>
          )}
      </Stack>
    </Card>
  )
}

interface ReadingProgressProps {
  source: Extract<SourceState, { status: 'reading' }>
  store: ReadProgressStore
}

function ReadingProgress({ source, store }: ReadingProgressProps) {
  const { bytesRead, totalBytes } = useReadProgress(store, source.sourceId) ?? {
    bytesRead: 0,
    totalBytes: source.totalBytes,
  }
  const percent = totalBytes > 0 ? Math.round((bytesRead / totalBytes) * 100) : 0
  return (
    <Stack gap={4}>
      <Progress value={percent} aria-label={`Reading ${source.name}`} animated />
      <Text size="sm" c="dimmed">
        Read {formatBytes(bytesRead)} of {formatBytes(totalBytes)} ({percent}%)
      </Text>
    </Stack>
  )
}

interface SourceDetailsProps {
  summary: SourceSummary
  onChooseIdColumn: (column: number) => void
  onUseAutomaticIdColumn: () => void
  onChooseSheet: (sheet: number) => void
  onUseAutomaticSheet: () => void
  onDownloadAffected: (issue: IssueSummary) => void
}

function SourceDetails({
  summary,
  onChooseIdColumn,
  onUseAutomaticIdColumn,
  onChooseSheet,
  onUseAutomaticSheet,
  onDownloadAffected,
}: SourceDetailsProps) {
  const { workbook } = summary
  const sheet = workbook === null ? undefined : workbook.sheets[workbook.sheet]
  const format = [
    summary.kind === 'file' ? formatBytes(summary.sizeBytes) : null,
    workbook === null ? encodingNames[summary.encoding] : workbookFormatName(workbook.format),
    sheet === undefined ? null : `sheet “${sheet.name}”`,
    workbook === null && summary.layout === 'table' && summary.delimiter
      ? `${delimiterNames[summary.delimiter]}-separated`
      : null,
    summary.layout === 'list' ? 'a list of IDs' : null,
    summary.hasHeader ? 'with a header row' : summary.layout === 'table' ? 'no header row' : null,
  ].filter((part) => part !== null)
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {format.join(' · ')}
      </Text>
      <Text size="sm">
        <strong>{formatCount(summary.rowsRead)}</strong> {summary.rowsRead === 1 ? 'row' : 'rows'}{' '}
        read, <strong>{formatCount(summary.uniqueIds)}</strong> unique{' '}
        {summary.uniqueIds === 1 ? 'ID' : 'IDs'} kept.
      </Text>
      {workbook !== null && workbook.sheets.length > 1 && (
        <NativeSelect
          label={`Sheet in ${summary.name}`}
          value={String(workbook.sheet)}
          onChange={(event) => onChooseSheet(Number(event.currentTarget.value))}
          data={workbook.sheets.map((option, index) => ({
            value: String(index),
            label: option.hidden ? `${option.name} (hidden)` : option.name,
          }))}
        />
      )}
      {workbook?.sheetRemembered === true && (
        <RecalledReadingLine
          sentence={recalledSheetSentence(workbook)}
          undoLabel="Use the automatic sheet"
          onUndo={onUseAutomaticSheet}
        />
      )}
      {summary.layout === 'table' && summary.columns.length > 1 && (
        <NativeSelect
          label={`ID column in ${summary.name}`}
          value={String(summary.idColumn)}
          onChange={(event) => onChooseIdColumn(Number(event.currentTarget.value))}
          data={summary.columns.map((column, index) => ({ value: String(index), label: column }))}
        />
      )}
      {summary.idColumnChoice === 'remembered' && (
        <RecalledReadingLine
          sentence={recalledIdColumnSentence(summary)}
          onUndo={onUseAutomaticIdColumn}
        />
      )}
      {summary.warnings.map((warning) => (
        <Alert key={warning} color="yellow" p="xs">
          {warning}
        </Alert>
      ))}
      {summary.issues.length > 0 && (
        <Table aria-label={`Changes made to ${summary.name}`} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th>
                <VisuallyHidden>Download</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.issues.map((issue) => (
              <Table.Tr key={issue.kind}>
                <Table.Td>
                  <Badge color={effectColors[issue.effect]} variant="light" mb={4}>
                    {issue.effect}
                  </Badge>
                  <Text size="sm">{issue.sentence}</Text>
                  <List size="xs" c="dimmed" mt={4} aria-label="Examples">
                    {issue.examples.map((example) => (
                      <List.Item key={`${example.file}:${example.row}`}>
                        Row {example.row}: <Code>{example.original}</Code> → {example.outcome}
                      </List.Item>
                    ))}
                  </List>
                </Table.Td>
                <Table.Td>{formatCount(issue.count)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => onDownloadAffected(issue)}
                    aria-label={`Download the ${formatCount(issue.count)} affected rows (${issue.kind}) of ${summary.name}`}
                  >
                    Download rows
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
