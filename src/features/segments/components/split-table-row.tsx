import { Checkbox, Table, Text, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCount } from '../../../lib/format'
import { previousSplitUploadQueryOptions } from '../api/previous-split-upload'
import type { SplitRowView } from '../worker/rows/segment-split'
import type { SplitSegmentEdit } from '../worker/rows/split-check'
import type { PreviousListDiff } from '../worker/segment-workspace'

export type DiffSegmentAgainst = (tag: string, kept: ArrayBuffer) => Promise<PreviousListDiff>

interface SplitTableRowProps {
  row: SplitRowView
  listVersion: number
  onEdit: (value: string, change: SplitSegmentEdit) => void
  diffSegmentAgainst: DiffSegmentAgainst
}

/** One value of the split: its tick, tag, title, IDs and change against the team's last version. */
export function SplitTableRow({
  row,
  listVersion,
  onEdit,
  diffSegmentAgainst,
}: SplitTableRowProps) {
  const { value } = row
  return (
    <Table.Tr>
      <Table.Td>
        <Checkbox
          aria-label={`Upload the segment of ${value}`}
          checked={row.ticked}
          onChange={(event) => onEdit(value, { ticked: event.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        {/* The value exactly as the file has it: spaces kept, never a formula or markup. */}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {value}
        </Text>
      </Table.Td>
      <Table.Td>
        <EditableCell
          label={`Tag of ${value}`}
          text={row.tag}
          error={row.tagProblem}
          onCommit={(tag) => onEdit(value, { tag })}
        />
      </Table.Td>
      <Table.Td>
        <EditableCell
          label={`Title of ${value}`}
          text={row.title}
          error={row.titleProblem}
          onCommit={(title) => onEdit(value, { title })}
        />
      </Table.Td>
      <Table.Td>{formatCount(row.idCount)}</Table.Td>
      <Table.Td>
        {row.ticked && row.tagProblem === null ? (
          <ChangeSinceLastVersion
            tag={row.tag.trim()}
            listVersion={listVersion}
            diffSegmentAgainst={diffSegmentAgainst}
          />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

interface EditableCellProps {
  label: string
  text: string
  error: string | null
  onCommit: (text: string) => void
}

/** A text the worker holds, edited here and sent when the field is left or Enter is pressed. */
function EditableCell({ label, text, error, onCommit }: EditableCellProps) {
  const [draft, setDraft] = useState(text)
  const [shown, setShown] = useState(text)
  // The worker's text changed (another prefix, pattern, or this edit's answer): show it.
  if (text !== shown) {
    setShown(text)
    setDraft(text)
  }
  const commit = () => {
    if (draft !== text) onCommit(draft)
  }
  return (
    <TextInput
      aria-label={label}
      size="xs"
      autoComplete="off"
      value={draft}
      error={error}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return
        event.preventDefault()
        commit()
      }}
    />
  )
}

interface ChangeSinceLastVersionProps {
  tag: string
  listVersion: number
  diffSegmentAgainst: DiffSegmentAgainst
}

/** Added and removed IDs against the team's last upload of the tag, or "new tag". */
function ChangeSinceLastVersion({
  tag,
  listVersion,
  diffSegmentAgainst,
}: ChangeSinceLastVersionProps) {
  const previous = useQuery(previousSplitUploadQueryOptions(diffSegmentAgainst, tag, listVersion))
  if (previous.isPending) {
    return (
      <Text size="sm" c="dimmed">
        Comparing…
      </Text>
    )
  }
  if (previous.isError) {
    return (
      <Text size="sm" c="red">
        {previous.error.message}
      </Text>
    )
  }
  if (previous.data === null) return <Text size="sm">new tag</Text>
  const { added, removed } = previous.data
  return (
    <Text size="sm">
      {formatCount(added)} added, {formatCount(removed)} removed
    </Text>
  )
}
