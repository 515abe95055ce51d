import { Alert, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core'
import { memo } from 'react'
import { formatCount, formatQuantity } from '../../../lib/format'
import { SPLIT_PAGE_ROWS } from '../domain/rows/split-settings'
import type { SplitTableView } from '../worker/rows/segment-split'
import type { SplitSegmentEdit } from '../worker/rows/split-check'
import { SplitTableRow, type DiffSegmentAgainst } from './split-table-row'

/** What the table asks of the worker (IdSources' named actions). */
export interface SplitTableActions {
  editSplitSegment: (value: string, change: SplitSegmentEdit) => void
  tickAllSplitSegments: (ticked: boolean) => void
  showSplitPage: (offset: number) => void
  diffSegmentAgainst: DiffSegmentAgainst
}

export interface SplitTableProps {
  split: SplitTableView
  /** Why the worker refused the last change. */
  refusal: string | null
  actions: SplitTableActions
}

/** The segments of "One segment per value of…": value → tag → title → IDs → change, page by page. */
export const SplitTable = memo(function SplitTable({ split, refusal, actions }: SplitTableProps) {
  const { column } = split.settings
  const rowsShown = split.rows.length
  return (
    <Stack gap="sm" component="section" aria-labelledby="split-heading">
      <Title order={3} size="h4" id="split-heading">
        One segment per value of {column}
      </Title>
      {refusal !== null && (
        <Alert color="red" p="xs">
          {refusal}
        </Alert>
      )}
      {split.problem === null ? (
        <Text size="sm" fw={600}>
          {formatCount(split.ticked)} of {formatQuantity(split.total, 'value')} ticked:{' '}
          {formatQuantity(split.ticked, 'segment')} with {formatQuantity(split.tickedIds, 'ID')}.
        </Text>
      ) : (
        <Alert color="red" p="xs" title="No segments can be made">
          {split.problem}
        </Alert>
      )}
      {split.problem === null && split.problems.length > 0 && (
        <Alert color="red" p="xs" title="Nothing can be sent yet">
          <List size="sm" spacing={2}>
            {split.problems.map((problem) => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
          {split.problemsMore > 0 && (
            <Text size="sm">and {formatQuantity(split.problemsMore, 'more problem')}.</Text>
          )}
        </Alert>
      )}
      {split.total > 0 && (
        <>
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => actions.tickAllSplitSegments(true)}
            >
              Tick all
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => actions.tickAllSplitSegments(false)}
            >
              Untick all
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={`Segments per value of ${column}`} verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Upload</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>Tag</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>IDs</Table.Th>
                  <Table.Th>Change since the team’s last version</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {split.rows.map((row) => (
                  <SplitTableRow
                    key={row.value}
                    row={row}
                    listVersion={split.listVersion}
                    onEdit={actions.editSplitSegment}
                    diffSegmentAgainst={actions.diffSegmentAgainst}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            what="segments"
            offset={split.offset}
            shown={rowsShown}
            total={split.total}
            onShow={actions.showSplitPage}
          />
        </>
      )}
      {split.tooMany !== null && (
        <>
          <Table aria-label={`Values of ${column}`} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Value</Table.Th>
                <Table.Th>Kept rows</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {split.tooMany.values.map(({ value, keptRows }) => (
                <Table.Tr key={value}>
                  <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {value}
                  </Table.Td>
                  <Table.Td>{formatCount(keptRows)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager
            what="values"
            offset={split.tooMany.offset}
            shown={split.tooMany.values.length}
            total={split.tooMany.total}
            onShow={actions.showSplitPage}
          />
        </>
      )}
      {split.blankSentence !== null && <Text size="sm">{split.blankSentence}</Text>}
      {split.leftOut.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Left out
          </Text>
          <List size="sm" spacing={2} aria-label={`Values of ${column} left out`}>
            {split.leftOut.map(({ value, sentence }) => (
              <List.Item key={value}>{sentence}</List.Item>
            ))}
          </List>
          {split.leftOutMore > 0 && (
            <Text size="sm">and {formatQuantity(split.leftOutMore, 'more value')}.</Text>
          )}
        </Stack>
      )}
    </Stack>
  )
})

interface PagerProps {
  what: string
  offset: number
  shown: number
  total: number
  onShow: (offset: number) => void
}

/** "Segments 51–100 of 5,000" with the pages before and after. */
function Pager({ what, offset, shown, total, onShow }: PagerProps) {
  if (total <= shown && offset === 0) return null
  const size = SPLIT_PAGE_ROWS
  return (
    <Group gap="xs" justify="space-between">
      <Text size="sm" c="dimmed">
        {what.charAt(0).toUpperCase() + what.slice(1)} {formatCount(offset + 1)}–
        {formatCount(offset + shown)} of {formatCount(total)}
      </Text>
      <Group gap="xs">
        <Button
          size="compact-xs"
          variant="default"
          disabled={offset === 0}
          onClick={() => onShow(Math.max(0, offset - size))}
          aria-label={`Previous ${what}`}
        >
          Previous
        </Button>
        <Button
          size="compact-xs"
          variant="default"
          disabled={offset + shown >= total}
          onClick={() => onShow(offset + size)}
          aria-label={`Next ${what}`}
        >
          Next
        </Button>
      </Group>
    </Group>
  )
}
