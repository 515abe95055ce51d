import { zodResolver } from '@hookform/resolvers/zod'
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from 'react-hook-form'
import * as z from 'zod/mini'
import { formatBytes, formatCount, formatQuantity } from '../../../lib/format'
import {
  batchTypedConfirmation,
  requiresTypedConfirmation,
  type BatchTypedConfirmation,
} from '../domain/confirmation-rules'
import type { BatchConfirmation, BatchConfirmationRow } from './use-batch-upload-flow'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function shrinks({ segment, previous }: BatchConfirmationRow): boolean {
  return previous ? requiresTypedConfirmation(segment.idCount, previous.previousSize) : false
}

/** Every tag of a batch with its change against the team's last version, confirmed once. */
export function BatchConfirmDialog(props: BatchConfirmation) {
  const { rows, onClose } = props
  const comparing = rows.some((row) => row.previous === undefined)
  const count = formatQuantity(rows.length, 'segment')
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Replace ${count}?`}
      centered
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close without replacing' }}
    >
      <Stack>
        <Text>
          This replaces every member of each tag below with its new list, one tag after another.
        </Text>
        <Text size="sm" c="dimmed">
          Request size: {formatBytes(props.bodyBytes)} in all.
        </Text>
        <Table.ScrollContainer minWidth={600} mah={360}>
          <Table aria-label="Segments to replace" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Tag</Table.Th>
                <Table.Th scope="col">Title</Table.Th>
                <Table.Th scope="col">IDs</Table.Th>
                <Table.Th scope="col">Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.segment.tag}>
                  <Table.Th scope="row">{row.segment.tag}</Table.Th>
                  <Table.Td>{row.segment.title}</Table.Td>
                  <Table.Td>{formatCount(row.segment.idCount)}</Table.Td>
                  <Table.Td>
                    <ChangeCell row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.some((row) => row.previous === null) && (
          <Text size="sm">
            A tag the console cannot compare may already exist in FanPass: all of its members are
            replaced too.
          </Text>
        )}
        {comparing ? (
          <>
            <Group gap="xs" role="status">
              <Loader size="xs" />
              <Text size="sm">Comparing with the team's last upload of each tag…</Text>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button color="red.9" disabled>
                Replace {count}
              </Button>
            </Group>
          </>
        ) : (
          // Mounted once every comparison is known, so its schema knows what must be typed.
          <BatchConfirmForm
            {...props}
            typed={batchTypedConfirmation(rows.filter(shrinks).map((row) => row.segment.tag))}
          />
        )}
      </Stack>
    </Modal>
  )
}

function ChangeCell({ row }: { row: BatchConfirmationRow }) {
  const { previous, missingReason } = row
  if (previous === undefined) return <Text size="sm">Comparing…</Text>
  if (previous === null && missingReason !== null) {
    return <Text size="sm">Not compared: {missingReason}</Text>
  }
  if (previous === null) {
    return <Text size="sm">New: nobody in the team has uploaded this tag through the console.</Text>
  }
  return (
    <Stack gap={2}>
      <Text size="sm">
        {formatCount(previous.added)} added, {formatCount(previous.removed)} removed
      </Text>
      <Text size="xs" c="dimmed">
        Against {previous.previousUpload} of {dateTime.format(previous.previousAt)}:{' '}
        {formatQuantity(previous.previousSize, 'ID')}
      </Text>
      {shrinks(row) && (
        <Badge color="orange" variant="light">
          Shrinks by more than half
        </Badge>
      )}
    </Stack>
  )
}

function typedSchema(typed: BatchTypedConfirmation | null) {
  const refusal =
    typed?.kind === 'count'
      ? `Type ${typed.expected} exactly to confirm: the number of segments that shrink by more than half.`
      : `Type ${typed?.expected ?? ''} exactly to confirm.`
  return z.object({
    typedWord: z
      .string()
      .check(z.refine((word) => typed === null || word.trim() === typed.expected, refusal)),
  })
}

function BatchConfirmForm({
  rows,
  onConfirm,
  onClose,
  typed,
}: BatchConfirmation & { typed: BatchTypedConfirmation | null }) {
  const form = useForm<{ typedWord: string }>({
    resolver: zodResolver(typedSchema(typed)),
    defaultValues: { typedWord: '' },
  })
  const shrinking = rows.filter(shrinks)
  const [first] = shrinking
  return (
    <form onSubmit={form.handleSubmit(onConfirm)} noValidate>
      <Stack>
        {typed?.kind === 'tag' && first?.previous && (
          <Alert color="orange" title="The segment shrinks by more than half">
            The new list of {first.segment.tag} has {formatQuantity(first.segment.idCount, 'ID')},
            less than half of the {formatCount(first.previous.previousSize)} of{' '}
            {first.previous.previousUpload}. If that is right, type the tag to confirm.
          </Alert>
        )}
        {typed?.kind === 'count' && (
          <Alert color="orange" title={`${typed.expected} segments shrink by more than half`}>
            The new lists of {shrinking.map((row) => row.segment.tag).join(', ')} each have less
            than half of the IDs of their last version. If that is right, type {typed.expected} to
            confirm.
          </Alert>
        )}
        {typed && (
          <TextInput
            label={
              typed.kind === 'tag'
                ? 'Type the tag to confirm'
                : 'Type the number of segments that shrink to confirm'
            }
            autoComplete="off"
            data-autofocus
            error={form.formState.errors.typedWord?.message}
            {...form.register('typedWord')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red.9">
            Replace {formatQuantity(rows.length, 'segment')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
