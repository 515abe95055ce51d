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
import { useMemo } from 'react'
import { useNavigate } from 'react-router'
import { downloadCsvFile } from '../../../lib/download'
import { formatCount } from '../../../lib/format'
import {
  exportHistoryCsv,
  type PropertiesJobStatus,
  type SubmissionRecord,
} from '../../../lib/history/history-db'
import { historyQueryOptions } from '../../../lib/history/history-queries'
import {
  historyCsvFileName,
  summariseTagSizes,
  type TagSizeSeries,
} from '../domain/summarise-tag-sizes'
import { SizeSparkline } from './size-sparkline'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

const STATUS_BADGES: Record<PropertiesJobStatus, { label: string; color: string }> = {
  succeeded: { label: 'Succeeded', color: 'green' },
  partial: { label: 'Partly succeeded', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
}

/** Every submission made from this browser, newest first, with refresh and restore shortcuts. */
export function HistoryPage() {
  const history = useQuery(historyQueryOptions())
  const submissions = useMemo(() => history.data?.submissions ?? [], [history.data])
  const restorable = useMemo(() => new Set(history.data?.restorableIds), [history.data])
  const series = useMemo(() => summariseTagSizes(submissions), [submissions])

  function exportCsv() {
    downloadCsvFile(historyCsvFileName(new Date()), exportHistoryCsv(submissions))
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={2}>History</Title>
        <Button variant="default" onClick={exportCsv} disabled={submissions.length === 0}>
          Export history (CSV)
        </Button>
      </Group>

      {history.isPending && (
        <Text role="status" c="dimmed">
          Loading history…
        </Text>
      )}

      {history.isError && (
        <Alert color="red" title="History could not be read">
          This browser did not return its saved history ({history.error.message}). Uploads still
          work; reload the page to try again.
        </Alert>
      )}

      {history.isSuccess && submissions.length === 0 && (
        <Text>
          Nothing has been submitted from this browser yet. Each segment upload will be listed here,
          newest first.
        </Text>
      )}

      {series.length > 0 && <SegmentSizes series={series} />}

      {submissions.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>Submissions from this browser, newest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Target host</Table.Th>
                <Table.Th scope="col">Segment or job</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Unique IDs</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Correlation ID</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.map((record) => (
                <SubmissionRow
                  key={record.id}
                  record={record}
                  restorable={record.kind === 'segment' && restorable.has(record.id)}
                />
              ))}
            </Table.Tbody>
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

function SubmissionRow({ record, restorable }: { record: SubmissionRecord; restorable: boolean }) {
  const navigate = useNavigate()
  const time = timeFormat.format(record.createdAt)
  const badge = STATUS_BADGES[record.status]

  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={new Date(record.createdAt).toISOString()}>{time}</time>
      </Table.Td>
      <Table.Td>{record.targetHost}</Table.Td>
      {record.kind === 'segment' ? (
        <>
          <Table.Td>
            <Text fw={600}>{record.tag}</Text>
            <Text size="sm" c="dimmed">
              {record.title}
            </Text>
          </Table.Td>
          <Table.Td>Segment</Table.Td>
          <Table.Td>{formatCount(record.counts.uniqueIds)}</Table.Td>
        </>
      ) : (
        <>
          <Table.Td>
            <Text fw={600}>Job {record.jobId}</Text>
            <Text size="sm" c="dimmed">
              {record.requestsSucceeded} of {record.requestsPlanned} requests succeeded
            </Text>
          </Table.Td>
          <Table.Td>User properties</Table.Td>
          <Table.Td>{formatCount(record.usersUpdated)} users updated</Table.Td>
        </>
      )}
      <Table.Td>
        <Badge color={badge.color} variant="light">
          {badge.label}
        </Badge>
        {record.kind === 'segment' && record.errors.length > 0 && (
          <Text size="xs" c="red" mt={4}>
            {record.errors.join(' ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {record.kind === 'segment' && record.correlationId !== null ? (
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
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              // The visible text starts the name, so voice control still finds it by what it shows.
              aria-label={`Refresh this segment: ${record.tag}, uploaded ${time}`}
              onClick={() => void navigate(`/segments?refresh=${record.id}`)}
            >
              Refresh this segment
            </Button>
            {restorable && (
              <Button
                size="xs"
                variant="default"
                aria-label={`Restore this version: ${record.tag} with ${formatCount(record.counts.uniqueIds)} IDs, uploaded ${time}`}
                onClick={() => void navigate(`/segments?restore=${record.id}`)}
              >
                Restore this version
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  )
}
