import { Checkbox, NativeSelect, Table, Text, TextInput } from '@mantine/core'
import { formatCount } from '../../../lib/format'
import type { ColumnReport, TableMapping } from '../domain/property-table'

function columnLabel(column: ColumnReport): string {
  return column.header === '' ? `Column ${column.index + 1} (no name)` : column.header
}

function verdict(column: ColumnReport): { text: string; color: string } {
  if (!column.include) return { text: 'Not sent (excluded).', color: 'dimmed' }
  if (column.duplicateOf !== null) {
    return { text: 'Not sent: another column already uses this name.', color: 'red' }
  }
  const advice = column.advice
  if (advice === null || advice.status === 'ok') return { text: 'Sent.', color: 'teal' }
  if (advice.status === 'unverified') return { text: `Sent. ${advice.sentence}`, color: 'amber' }
  return { text: `Not sent: ${advice.sentence}`, color: 'amber' }
}

/** Which column holds the user IDs, and which columns are sent under which property name. */
export function ColumnMapping({
  columns,
  mapping,
  onChange,
}: {
  columns: readonly ColumnReport[]
  mapping: TableMapping
  onChange: (mapping: TableMapping) => void
}) {
  const setColumn = (index: number, patch: Partial<TableMapping['columns'][number]>) => {
    onChange({
      ...mapping,
      columns: mapping.columns.map((choice, i) => (i === index ? { ...choice, ...patch } : choice)),
    })
  }

  return (
    <>
      <NativeSelect
        label="User ID column"
        description="The column that holds the FanPass user IDs; it is not sent as a property."
        data={columns.map((column) => ({
          value: String(column.index),
          label: columnLabel(column),
        }))}
        value={String(mapping.idColumn)}
        onChange={(event) => {
          const idColumn = Number(event.currentTarget.value)
          onChange({
            idColumn,
            // The column that held IDs until now becomes a candidate property again, unticked:
            // sending an ID column as a property is rarely what anyone wants.
            columns: mapping.columns.map((choice, i) =>
              i === idColumn ? { ...choice, include: false } : choice,
            ),
          })
        }}
        maw={360}
      />
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label="Columns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column</Table.Th>
              <Table.Th>Send</Table.Th>
              <Table.Th>Property name</Table.Th>
              <Table.Th>Values</Table.Th>
              <Table.Th>What happens</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns
              .filter((column) => !column.isIdColumn)
              .map((column) => {
                const label = columnLabel(column)
                const outcome = verdict(column)
                return (
                  <Table.Tr key={column.index}>
                    <Table.Td>{label}</Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Send column ${label}`}
                        checked={mapping.columns[column.index]?.include ?? false}
                        onChange={(event) =>
                          setColumn(column.index, { include: event.currentTarget.checked })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Property name for column ${label}`}
                        value={mapping.columns[column.index]?.name ?? ''}
                        onChange={(event) =>
                          setColumn(column.index, { name: event.currentTarget.value })
                        }
                        disabled={!(mapping.columns[column.index]?.include ?? false)}
                        spellCheck={false}
                        autoComplete="off"
                        size="xs"
                        miw={200}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {formatCount(column.values)}
                        {column.truncated > 0 && (
                          <Text span size="sm" c="amber">
                            {' '}
                            ({formatCount(column.truncated)} truncated)
                          </Text>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={outcome.color}>
                        {outcome.text}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  )
}
