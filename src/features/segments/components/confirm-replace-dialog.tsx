import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Group, Loader, Modal, Stack, Table, Text, TextInput } from '@mantine/core'
import { useForm } from 'react-hook-form'
import * as z from 'zod/mini'
import { formatBytes, formatCount, formatQuantity } from '../../../lib/format'
import type { SegmentDiff } from '../api/previous-upload'
import { requiresTypedConfirmation } from '../domain/confirmation-rules'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export interface ConfirmReplaceDialogProps {
  tag: string
  newCount: number
  bodyBytes: number
  /** null: the team never uploaded the tag (or see missingReason); undefined: still comparing. */
  previous: SegmentDiff | null | undefined
  /** Why the comparison is missing although the tag may have been uploaded before. */
  missingReason: string | null
  /** A colleague replaced the tag after this opened: nothing was sent, compare again. */
  conflict: string | null
  pending: boolean
  onConfirm: () => void
  onClose: () => void
}

export function ConfirmReplaceDialog(props: ConfirmReplaceDialogProps) {
  const { tag, newCount, previous, onClose } = props
  return (
    <Modal
      opened
      onClose={onClose}
      title="Replace segment?"
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close without replacing' }}
    >
      <Stack>
        <Text>
          This replaces every member of tag <strong>{tag}</strong> with{' '}
          {formatQuantity(newCount, 'ID')}.
        </Text>
        <Text size="sm" c="dimmed">
          Request size: {formatBytes(props.bodyBytes)}.
        </Text>
        {props.conflict !== null && (
          <Alert color="orange" title="The tag changed since you opened this">
            {props.conflict}
          </Alert>
        )}
        {previous === undefined ? (
          <>
            <Group gap="xs" role="status">
              <Loader size="xs" />
              <Text size="sm">Comparing with the team's last upload of {tag}…</Text>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button color="red.9" disabled>
                Replace segment
              </Button>
            </Group>
          </>
        ) : (
          // Mounted once the comparison is known, so its schema knows whether typing is required.
          <ConfirmReplaceForm {...props} previous={previous} />
        )}
      </Stack>
    </Modal>
  )
}

function typedTagSchema(tag: string, mustType: boolean) {
  return z.object({
    typedTag: z
      .string()
      .check(
        z.refine((typed) => !mustType || typed.trim() === tag, `Type ${tag} exactly to confirm.`),
      ),
  })
}

function ConfirmReplaceForm({
  tag,
  newCount,
  previous,
  missingReason,
  pending,
  onConfirm,
  onClose,
}: ConfirmReplaceDialogProps & { previous: SegmentDiff | null }) {
  const mustType = previous ? requiresTypedConfirmation(newCount, previous.previousSize) : false
  const form = useForm<{ typedTag: string }>({
    resolver: zodResolver(typedTagSchema(tag, mustType)),
    defaultValues: { typedTag: '' },
  })
  return (
    <form onSubmit={form.handleSubmit(onConfirm)} noValidate>
      <Stack>
        {previous === null && missingReason !== null ? (
          <Alert color="yellow" title="No comparison with the previous version">
            {missingReason} If the tag already exists in FanPass, all of its members are replaced.
          </Alert>
        ) : previous === null ? (
          <Text size="sm">
            Nobody in the team has uploaded {tag} through this console before, so it cannot show
            what changes. If the tag already exists in FanPass, all of its members are replaced.
          </Text>
        ) : (
          <Table
            aria-label={`Difference from the upload of ${dateTime.format(previous.previousAt)}`}
          >
            <Table.Caption>
              Compared with {previous.previousUpload} of {dateTime.format(previous.previousAt)}:{' '}
              {formatCount(previous.previousSize)} IDs
            </Table.Caption>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Added</Table.Th>
                <Table.Td>{formatCount(previous.added)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Removed</Table.Th>
                <Table.Td>{formatCount(previous.removed)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Unchanged</Table.Th>
                <Table.Td>{formatCount(previous.unchanged)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
        {mustType && previous && (
          <>
            <Alert color="orange" title="The segment shrinks by more than half">
              The new list has {formatQuantity(newCount, 'ID')}, less than half of the{' '}
              {formatCount(previous.previousSize)} of {previous.previousUpload}. If that is right,
              type the tag to confirm.
            </Alert>
            <TextInput
              label="Type the tag to confirm"
              autoComplete="off"
              data-autofocus
              error={form.formState.errors.typedTag?.message}
              {...form.register('typedTag')}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red.9" loading={pending}>
            Replace segment
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
