import { Button, Group, Radio, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { memo } from 'react'
import { formatCount } from '../../../lib/format'
import { RecalledReadingLine } from '../../../lib/recalled-reading-line'
import type { RecalledCombination } from '../domain/id-sources'
import { leftOutColumn } from '../domain/left-out-column'
import { recalledCombinationSentence } from '../domain/remembered-reading'
import { splitCombinedSentence } from '../worker/combined-sentence'
import type { SplitTableView } from '../worker/rows/segment-split'
import type { CombinedSummary, CombineMode } from '../worker/types'

const modes: { value: CombineMode; label: string; description: string }[] = [
  { value: 'union', label: 'Union', description: 'Every ID that is in any source.' },
  {
    value: 'intersection',
    label: 'Intersection',
    description: 'Only IDs that are in every source.',
  },
  {
    value: 'subtract',
    label: 'Subtract',
    description: 'IDs of the first source that no other source has.',
  },
]

export interface CombineControlProps {
  mode: CombineMode
  combined: CombinedSummary | null
  /** Set when the sources are combined as this browser remembered for their header rows. */
  recalled: RecalledCombination | null
  /** "One segment per value of…": the sentence then says what each segment sent is made of. */
  split: Pick<SplitTableView, 'settings' | 'ticked'> | null
  onChange: (mode: CombineMode) => void
  onMoveUp: (sourceId: string) => void
  onUseAutomatic: () => void
}

export const CombineControl = memo(function CombineControl({
  mode,
  combined,
  recalled,
  split,
  onChange,
  onMoveUp,
  onUseAutomatic,
}: CombineControlProps) {
  const leftOut = leftOutColumn(mode)
  return (
    <Stack gap="xs">
      {recalled && (
        <RecalledReadingLine
          sentence={recalledCombinationSentence(recalled.mode, recalled.firstName, recalled.tag)}
          onUndo={onUseAutomatic}
        />
      )}
      <Radio.Group
        label="Combine sources"
        value={mode}
        onChange={(value) => onChange(value as CombineMode)}
      >
        <Stack gap={6} mt={6}>
          {modes.map((option) => (
            <Radio
              key={option.value}
              value={option.value}
              label={option.label}
              description={option.description}
            />
          ))}
        </Stack>
      </Radio.Group>
      {combined && (
        <Table aria-label="Counts per source" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Source</Table.Th>
              <Table.Th>Unique IDs</Table.Th>
              <Table.Th>{leftOut.header}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {combined.perSource.map((source, index) => (
              <Table.Tr key={source.sourceId}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{source.name}</Text>
                    {index > 0 && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => onMoveUp(source.sourceId)}
                        aria-label={`Move ${source.name} up`}
                      >
                        Move up
                      </Button>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatCount(source.uniqueIds)}</Table.Td>
                <LeftOutCell count={leftOut.cell(index, source.removed)} />
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">Result</Table.Th>
              <Table.Td colSpan={2}>
                <Text span fw={700}>
                  {formatCount(combined.total)}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
      {combined && <Text size="sm">{sentenceOf(combined, split)}</Text>}
    </Stack>
  )
})

/** The combined list's sentence, or under a split what each of its segments is made of. */
function sentenceOf(combined: CombinedSummary, split: CombineControlProps['split']): string {
  const at =
    split === null
      ? -1
      : combined.perSource.findIndex((source) => source.sourceId === split.settings.sourceId)
  if (split === null || at === -1) return combined.sentence
  const names = combined.perSource.map((source) => source.name)
  return splitCombinedSentence(combined.mode, names, at, split.ticked)
}

function LeftOutCell({ count }: { count: number | null }) {
  if (count !== null) return <Table.Td>{formatCount(count)}</Table.Td>
  return (
    <Table.Td>
      <span aria-hidden>–</span>
      <VisuallyHidden>Subtracted from the first source</VisuallyHidden>
    </Table.Td>
  )
}
