import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useId, useMemo } from 'react'
import { useNavigate } from 'react-router'
import { downloadCsvFile } from '../../../lib/download'
import { formatCount, formatQuantity } from '../../../lib/format'
import { useSessionToken } from '../../../lib/session-token'
import { recordedBy, type TeamRecord } from '../../../lib/team-history-record'
import { tokenHint } from '../../../lib/token-hint'
import { deadLettersQueryOptions, deadLetterSentence } from '../api/dead-letters'
import { teamRecordsQueryOptions } from '../api/team-records'
import { historyEntries, type HistoryEntry } from '../domain/history-batches'
import { historyRows } from '../domain/history-rows'
import {
  historyCsvFileName,
  summariseTagSizes,
  wasAccepted,
  type TagSizeSeries,
} from '../domain/summarise-tag-sizes'
import { teamHistoryCsv } from '../domain/team-history-csv'
import { BrowserHistoryImport } from './browser-history-import'
import { SizeSparkline } from './size-sparkline'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

const JOB_BADGES: Record<string, { label: string; color: string }> = {
  succeeded: { label: 'Succeeded', color: 'green' },
  partial: { label: 'Partly succeeded', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
}

function statusBadge(record: TeamRecord): { label: string; color: string } {
  if (record.kind === 'properties-job') {
    return JOB_BADGES[String(record.details.status)] ?? { label: 'Unknown', color: 'gray' }
  }
  if (record.httpStatus === null) return { label: 'No answer', color: 'red' }
  if (wasAccepted(record)) return { label: 'Accepted', color: 'green' }
  return { label: 'Refused', color: 'red' }
}

/** The team's history from the console's server, newest first, with refresh and restore. */
export function HistoryPage() {
  const session = useSessionToken()
  const { token } = session
  const history = useQuery(teamRecordsQueryOptions(session))
  const deadLetters = useQuery(deadLettersQueryOptions(session))
  const notRecorded = deadLetterSentence(deadLetters.data ?? 0)
  const records = useMemo(() => history.data ?? [], [history.data])
  const entries = useMemo(() => historyEntries(historyRows(records)), [records])
  const series = useMemo(() => summariseTagSizes(records), [records])

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={2}>History</Title>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => void history.refetch()}
            disabled={token === ''}
            loading={history.isFetching}
          >
            Refresh
          </Button>
          <Button
            variant="default"
            onClick={() => downloadCsvFile(historyCsvFileName(new Date()), teamHistoryCsv(records))}
            disabled={records.length === 0}
          >
            Export history (CSV)
          </Button>
        </Group>
      </Group>

      <BrowserHistoryImport hasToken={token !== ''} />

      {token === '' && (
        <Text>
          {tokenHint(
            session.refusal,
            'to see the team’s history: the console’s server shows it only to a token FanPass accepts',
          )}
        </Text>
      )}

      {history.isLoading && (
        <Text role="status" c="dimmed">
          Loading the team&apos;s history…
        </Text>
      )}

      {history.isError && (
        <Alert color="red" title="The team's history could not be read">
          {history.error.message}
        </Alert>
      )}

      {history.isSuccess && records.length === 0 && (
        <Text>
          Nobody in the team has sent anything through this console yet. Each segment upload and
          properties job will be listed here, newest first, with who sent it.
        </Text>
      )}

      {notRecorded !== null && (
        <Alert color="orange" title="Uploads missing from the team history">
          {notRecorded}
        </Alert>
      )}

      {series.length > 0 && <SegmentSizes series={series} />}

      {records.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>The team&apos;s uploads and jobs, newest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Who</Table.Th>
                <Table.Th scope="col">Segment or job</Table.Th>
                <Table.Th scope="col">User IDs</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Correlation ID</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            {entries.map((entry) =>
              entry.kind === 'record' ? (
                <Table.Tbody key={entry.record.id}>
                  <RecordRow record={entry.record} />
                </Table.Tbody>
              ) : (
                <BatchRows key={entry.batchId} batch={entry} />
              ),
            )}
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}

function SegmentSizes({ series }: { series: TagSizeSeries[] }) {
  return (
    <section aria-labelledby="segment-sizes-heading">
      <Title order={3} size="h4" id="segment-sizes-heading" mb="sm">
        Segment sizes over time
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {series.map((tagSeries) => (
          <Card key={tagSeries.tag} withBorder padding="sm">
            <Text fw={600}>{tagSeries.tag}</Text>
            <Text size="sm" c="dimmed" lineClamp={1}>
              {tagSeries.title}
            </Text>
            <Group justify="space-between" align="end" mt="xs">
              <SizeSparkline series={tagSeries} />
              <Text size="sm">{formatCount(tagSeries.points.at(-1)?.size ?? 0)} IDs</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  )
}

/** The records of one batch (many segments, one confirmation) under one heading. */
function BatchRows({ batch }: { batch: Extract<HistoryEntry, { kind: 'batch' }> }) {
  const headingId = useId()
  return (
    <Table.Tbody aria-labelledby={headingId}>
      <Table.Tr>
        <Table.Th colSpan={7} scope="colgroup" id={headingId}>
          Batch of {formatQuantity(batch.segmentCount, 'segment')},{' '}
          {timeFormat.format(new Date(batch.startedAt))}
        </Table.Th>
      </Table.Tr>
      {batch.records.map((record) => (
        <RecordRow key={record.id} record={record} />
      ))}
    </Table.Tbody>
  )
}

function RecordRow({ record }: { record: TeamRecord }) {
  const navigate = useNavigate()
  const time = timeFormat.format(new Date(record.createdAt))
  const badge = statusBadge(record)
  const idCount = formatCount(record.userIdCount ?? 0)

  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={record.createdAt}>{time}</time>
      </Table.Td>
      <Table.Td>{recordedBy(record)}</Table.Td>
      <Table.Td>
        {record.kind === 'segment' ? (
          <>
            <Text fw={600}>{record.tag}</Text>
            <Text size="sm" c="dimmed">
              {record.title}
            </Text>
          </>
        ) : record.kind === 'properties-job' ? (
          <>
            <Text fw={600}>User properties job</Text>
            <Text size="sm" c="dimmed">
              {String(record.details.requestsSucceeded)} of {String(record.details.requestsPlanned)}{' '}
              requests succeeded
            </Text>
          </>
        ) : (
          <Text fw={600}>User properties request</Text>
        )}
      </Table.Td>
      <Table.Td>{record.kind === 'properties-job' ? `${idCount} users updated` : idCount}</Table.Td>
      <Table.Td>
        <Badge color={badge.color} variant="light">
          {badge.label}
        </Badge>
        {record.httpStatus !== null && <Text size="xs">HTTP {record.httpStatus}</Text>}
        {[...record.messages, ...record.errors].map((sentence, index) => (
          <Text key={index} size="xs" mt={4}>
            {sentence}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        {record.correlationId !== null ? (
          <Text size="sm" ff="monospace">
            {record.correlationId}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            None
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {record.kind === 'segment' && (
          <Stack gap="xs" align="flex-start">
            <Button
              size="xs"
              variant="light"
              // The visible text starts the name, so voice control still finds it by what it shows.
              aria-label={`Refresh this segment: ${record.tag}, uploaded ${time}`}
              onClick={() => void navigate(`/segments?refresh=${record.id}`)}
            >
              Refresh this segment
            </Button>
            {record.listState === 'lost' && (
              <Text size="xs">The list of this upload was lost when the console stopped.</Text>
            )}
            {record.listState === 'kept' && (
              <Button
                size="xs"
                variant="default"
                aria-label={`Restore this version: ${record.tag} with ${idCount} IDs, uploaded ${time} by ${recordedBy(record)}`}
                onClick={() => void navigate(`/segments?restore=${record.id}`)}
              >
                Restore this version
              </Button>
            )}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  )
}
