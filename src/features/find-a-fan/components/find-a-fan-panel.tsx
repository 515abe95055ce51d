import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Badge, Button, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { formatCount, formatQuantity, shortenForDisplay } from '../../../lib/format'
import { useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { findFanInputSchema, findFanQueryOptions, type FindFanInput } from '../api/find-fan'
import { fanTimelines, formatUploadTime, type TagTimeline } from '../domain/fan-timeline'

/**
 * "Why is this fan in (or not in) this segment?": one user ID, and every kept version of every
 * tag in the team history that holds it, with who uploaded each.
 */
export function FindAFanPanel() {
  const headingId = useId()
  const { token, refusal } = useSessionToken()
  const [searched, setSearched] = useState<string | null>(null)
  const form = useForm<FindFanInput>({
    resolver: zodResolver(findFanInputSchema),
    defaultValues: { userId: '' },
  })
  const canSearch = searched !== null && token !== ''
  const fan = useQuery({ ...findFanQueryOptions(searched ?? ''), enabled: canSearch })

  const find = form.handleSubmit(({ userId }) => {
    // Pressing Find again for the same ID asks again: a colleague may have uploaded meanwhile.
    if (userId === searched) void fan.refetch()
    else setSearched(userId)
  })

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} id={headingId}>
        Find a fan
      </Title>
      <Text>
        Type a user ID to see every kept version of every segment that holds it, who uploaded each
        version, and whether the fan is in it.
      </Text>
      <form onSubmit={find} noValidate aria-label="Find a fan">
        <Stack gap="xs" maw={420}>
          <TextInput
            label="User ID"
            autoComplete="off"
            spellCheck={false}
            error={form.formState.errors.userId?.message}
            {...form.register('userId')}
          />
          <Button type="submit" w="fit-content" disabled={token === ''} loading={fan.isFetching}>
            Find
          </Button>
        </Stack>
      </form>

      {token === '' && (
        <Text c="dimmed">
          {tokenHint(refusal, 'to search the team history: it shows your club’s uploads only')}
        </Text>
      )}

      {canSearch && fan.isError && (
        <Alert color="red" title="The team history could not be searched" role="alert">
          {fan.error.message}
        </Alert>
      )}

      {canSearch && fan.isSuccess && (
        <FanResults userId={searched} timelines={fanTimelines(fan.data)} />
      )}
    </Stack>
  )
}

function FanResults({ userId, timelines }: { userId: string; timelines: TagTimeline[] }) {
  if (timelines.length === 0) {
    return <Text role="status">This ID is in no kept version of any segment.</Text>
  }
  return (
    <Stack gap="md">
      <Text role="status">
        {shortenForDisplay(userId)} is in kept versions of{' '}
        {formatQuantity(timelines.length, 'segment')}.
      </Text>
      {timelines.map((timeline) => (
        <TagVersions key={timeline.tag} timeline={timeline} />
      ))}
    </Stack>
  )
}

function TagVersions({ timeline }: { timeline: TagTimeline }) {
  const headingId = useId()
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId}>
        {shortenForDisplay(timeline.tag)}
        {timeline.title !== null && timeline.title !== '' && (
          <Text span c="dimmed" ml="xs">
            {shortenForDisplay(timeline.title)}
          </Text>
        )}
      </Title>
      <Text>{timeline.summary}</Text>
      <Table aria-label={`Kept versions of ${timeline.tag}`} striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Uploaded</Table.Th>
            <Table.Th scope="col">By</Table.Th>
            <Table.Th scope="col">IDs</Table.Th>
            <Table.Th scope="col">This fan</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {timeline.versions.map((version) => (
            <Table.Tr key={version.recordId}>
              <Table.Td>{formatUploadTime(version.createdAt)}</Table.Td>
              <Table.Td>{version.actorName ?? 'No name on the token'}</Table.Td>
              <Table.Td>{formatCount(version.idCount)}</Table.Td>
              <Table.Td>
                {version.containsId ? (
                  <Badge color="green" variant="light" tt="none">
                    In
                  </Badge>
                ) : (
                  <Badge color="gray" variant="outline" tt="none">
                    Not in
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
