import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core'
import { formatCount } from '../../../lib/format'
import { dateOrderToAsk } from '../domain/rows/date-order'
import { describeCondition } from '../domain/rows/describe-condition'
import { ConditionDraft } from './condition-draft'
import { DateOrderField } from './date-order-field'
import { useKeepRows, type KeepRowsActions } from './use-keep-rows'

interface KeepRowsSectionProps {
  sourceId: string
  sourceName: string
  /** The source's summary: a new reading of the source loads its columns again. */
  reading: unknown
  actions: KeepRowsActions
}

/** "Keep rows where…" on a source card with a header row: conditions combined with AND. */
export function KeepRowsSection({ sourceId, sourceName, reading, actions }: KeepRowsSectionProps) {
  const { view, search, add, remove, replace } = useKeepRows(sourceId, reading, actions)
  if (view === null) return null
  const { state, columns } = view
  const headingId = `keep-rows-${sourceId}`
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h6" id={headingId}>
        Keep rows where…
      </Title>
      {state.conditions.length > 0 && (
        <List spacing={4} aria-label={`Conditions on ${sourceName}`} listStyleType="none">
          {state.conditions.map((condition, index) => {
            const described = describeCondition(condition)
            const keeps = state.perCondition[index]
            // A saved condition this file's dates leave undecided: asked here, applied once answered.
            const question = dateOrderToAsk(condition, columns)
            return (
              <List.Item key={`${index}:${described}`}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Text size="sm">
                    {index > 0 ? 'and ' : ''}
                    {described}
                    {keeps === undefined
                      ? ''
                      : ` — keeps ${formatCount(keeps)} ${keeps === 1 ? 'row' : 'rows'}`}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => remove(index)}
                    aria-label={`Remove the condition ${described}`}
                  >
                    Remove
                  </Button>
                </Group>
                {question !== null && condition.kind === 'date' && (
                  <DateOrderField
                    columnName={condition.column}
                    dates={question}
                    order={null}
                    onChange={(order) => replace(index, { ...condition, order })}
                  />
                )}
              </List.Item>
            )
          })}
        </List>
      )}
      {state.nearDuplicates.map((hint) => {
        const condition = state.conditions[hint.condition]
        if (condition?.kind !== 'text' || condition.op !== 'isOneOf') return null
        return (
          <Alert key={`${hint.condition}:${hint.sentence}`} color="blue" p="xs">
            <Group gap="xs" justify="space-between">
              <Text size="sm">{hint.sentence}</Text>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() =>
                  replace(hint.condition, {
                    ...condition,
                    values: [...condition.values, ...hint.add],
                  })
                }
              >
                {hint.add.length === 1 ? 'Include it' : 'Include them'}
              </Button>
            </Group>
          </Alert>
        )
      })}
      {state.blocking === null ? (
        <Text size="sm" fw={600}>
          {state.sentence}
        </Text>
      ) : (
        <Alert color="red" p="xs" title="These conditions cannot be applied">
          {state.blocking}
        </Alert>
      )}
      {state.conditions.length > 0 && (
        <Text size="xs" c="dimmed">
          A fan with several rows is in when any kept row has their ID.
          {state.severalRows === null ? '' : ` ${state.severalRows}`}
        </Text>
      )}
      <ConditionDraft sourceName={sourceName} columns={columns} search={search} onAdd={add} />
    </Stack>
  )
}
