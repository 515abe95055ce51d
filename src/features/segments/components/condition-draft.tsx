import { Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { DateOrder, RowCondition } from '../../../../contracts/recipe'
import { formatCount } from '../../../lib/format'
import { shownValue } from '../domain/rows/describe-condition'
import type { ColumnSummary, ValueRows } from '../worker/rows/source-rows'
import { DateOrderField } from './date-order-field'

type OpKey =
  | 'text:isOneOf'
  | 'text:isNotOneOf'
  | 'text:contains'
  | 'text:startsWith'
  | 'text:isEmpty'
  | 'text:isNotEmpty'
  | 'number:eq'
  | 'number:ne'
  | 'number:lt'
  | 'number:le'
  | 'number:gt'
  | 'number:ge'
  | 'number:between'
  | 'date:before'
  | 'date:after'
  | 'date:between'
  | 'date:inLastDays'

const TEXT_OPS: [OpKey, string][] = [
  ['text:isOneOf', 'is one of'],
  ['text:isNotOneOf', 'is not one of'],
  ['text:contains', 'contains'],
  ['text:startsWith', 'starts with'],
  ['text:isEmpty', 'is empty'],
  ['text:isNotEmpty', 'is not empty'],
]
const NUMBER_OPS: [OpKey, string][] = [
  ['number:eq', '='],
  ['number:ne', '≠'],
  ['number:lt', '<'],
  ['number:le', '≤'],
  ['number:gt', '>'],
  ['number:ge', '≥'],
  ['number:between', 'is between'],
]
const DATE_OPS: [OpKey, string][] = [
  ['date:before', 'is before'],
  ['date:after', 'is after'],
  ['date:between', 'is between'],
  ['date:inLastDays', 'is in the last N days'],
]

/** A number or a date column also takes the text operators (a Seats value can be picked). */
function opsFor(kind: ColumnSummary['kind']): [OpKey, string][] {
  if (kind === 'number') return [...NUMBER_OPS, ...TEXT_OPS]
  if (kind === 'date') return [...DATE_OPS, ...TEXT_OPS]
  return TEXT_OPS
}

interface Fields {
  picked: string[]
  first: string
  second: string
}

const finite = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** The condition the draft describes, or null while it is incomplete. */
function buildCondition(column: string, op: OpKey, fields: Fields): RowCondition | null {
  const [kind, name] = op.split(':') as ['text' | 'number' | 'date', string]
  const { picked, first, second } = fields
  if (kind === 'text') {
    if (name === 'isOneOf' || name === 'isNotOneOf') {
      return picked.length === 0 ? null : { kind, column, op: name, values: picked }
    }
    if (name === 'contains' || name === 'startsWith') {
      return first === '' ? null : { kind, column, op: name, text: first }
    }
    return { kind, column, op: name as 'isEmpty' | 'isNotEmpty' }
  }
  if (kind === 'number') {
    const [a, b] = [finite(first), finite(second)]
    if (name === 'between') {
      return Number.isFinite(a) && Number.isFinite(b)
        ? { kind, column, op: name, min: a, max: b }
        : null
    }
    return Number.isFinite(a)
      ? { kind, column, op: name as 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', value: a }
      : null
  }
  const day = /^\d{4}-\d{2}-\d{2}$/
  if (name === 'inLastDays') {
    const days = finite(first)
    return Number.isInteger(days) && days >= 1 ? { kind, column, op: name, days } : null
  }
  if (name === 'between') {
    return day.test(first) && day.test(second)
      ? { kind, column, op: name, from: first, to: second }
      : null
  }
  return day.test(first) ? { kind, column, op: name as 'before' | 'after', date: first } : null
}

/**
 * A date condition with the day/month order it reads its column in: the one asked (none yet:
 * incomplete), or the one the data decided, kept so next week's file is read the same way.
 */
function withDateOrder(
  condition: RowCondition | null,
  dates: ColumnSummary['dates'],
  asked: DateOrder | null,
): RowCondition | null {
  if (condition?.kind !== 'date' || dates === null) return condition
  if (dates.kind === 'mixed') return null
  const order = dates.kind === 'ambiguous' ? asked : dates.order
  if (order === null) return dates.kind === 'ambiguous' ? null : condition
  return { ...condition, order }
}

interface ConditionDraftProps {
  sourceName: string
  columns: ColumnSummary[]
  search: (column: string, query: string) => Promise<{ matches: ValueRows[]; more: boolean }>
  onAdd: (condition: RowCondition) => void
}

/** "Add a condition": a column, an operator for its kind, and its value(s). */
export function ConditionDraft({ sourceName, columns, search, onAdd }: ConditionDraftProps) {
  const [columnName, setColumnName] = useState('')
  const [op, setOp] = useState<OpKey>('text:isOneOf')
  const [fields, setFields] = useState<Fields>({ picked: [], first: '', second: '' })
  const [order, setOrder] = useState<DateOrder | null>(null)
  const [query, setQuery] = useState('')
  const [answer, setAnswer] = useState<{
    column: string
    query: string
    found: { matches: ValueRows[]; more: boolean }
  } | null>(null)
  const column = columns.find((candidate) => candidate.name === columnName)

  // The worker answers searches: values beyond the first ones live only there.
  useEffect(() => {
    if (column === undefined || query === '') return
    let current = true
    void search(column.name, query).then((found) => {
      if (current) setAnswer({ column: column.name, query, found })
    })
    return () => {
      current = false
    }
  }, [column, query, search])
  // An answer for another column or query (or none while the query is empty) is not shown.
  const found =
    answer !== null && query !== '' && answer.column === columnName && answer.query === query
      ? answer.found
      : null

  const chooseColumn = (name: string) => {
    setColumnName(name)
    const kind = columns.find((candidate) => candidate.name === name)?.kind ?? 'text'
    setOp((opsFor(kind)[0] as [OpKey, string])[0])
    setFields({ picked: [], first: '', second: '' })
    setQuery('')
    setOrder(null)
  }
  const condition =
    column === undefined
      ? null
      : withDateOrder(buildCondition(column.name, op, fields), column.dates, order)
  const checklist = op === 'text:isOneOf' || op === 'text:isNotOneOf'
  const listed = found?.matches ?? column?.values ?? []
  const twoValues = op === 'number:between' || op === 'date:between'
  const noValue = op === 'text:isEmpty' || op === 'text:isNotEmpty'
  const inputType =
    op.startsWith('date:') && op !== 'date:inLastDays'
      ? 'date'
      : op.startsWith('text:')
        ? 'text'
        : 'number'
  const firstLabel =
    op === 'date:inLastDays'
      ? 'Days'
      : twoValues
        ? 'From'
        : op.startsWith('text:')
          ? 'Text'
          : op.startsWith('date:')
            ? 'Date'
            : 'Value'

  return (
    <Stack gap="xs" role="group" aria-label={`Add a condition on ${sourceName}`}>
      <Group grow align="flex-end">
        <NativeSelect
          label="Column"
          value={columnName}
          onChange={(event) => chooseColumn(event.currentTarget.value)}
          data={[{ value: '', label: 'Choose a column' }, ...columns.map((c) => c.name)]}
        />
        {column !== undefined && (
          <NativeSelect
            label="Operator"
            value={op}
            onChange={(event) => {
              setOp(event.currentTarget.value as OpKey)
              setFields({ picked: [], first: '', second: '' })
            }}
            data={opsFor(column.kind).map(([value, label]) => ({ value, label }))}
          />
        )}
      </Group>
      {column !== undefined && checklist && (
        <Stack gap={4}>
          <TextInput
            label={`Search values of ${column.name}`}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          {column.tooManyToList && found === null && (
            <Text size="sm" c="dimmed">
              {formatCount(column.distinctValues)} different values: too many to list — search to
              find them.
            </Text>
          )}
          {(found?.more === true ||
            (found === null &&
              column.distinctValues > column.values.length &&
              !column.tooManyToList)) && (
            <Text size="sm" c="dimmed">
              Showing the most frequent values; search to find others.
            </Text>
          )}
          <Checkbox.Group
            label={`Values of ${column.name}`}
            value={fields.picked}
            onChange={(picked) => setFields({ ...fields, picked })}
          >
            <Stack gap={4} mt={4} mah={240} style={{ overflowY: 'auto' }}>
              {listed.map((entry) => (
                <Checkbox
                  key={entry.value}
                  value={entry.value}
                  label={`${shownValue(entry.value)} (${formatCount(entry.rows)} ${entry.rows === 1 ? 'row' : 'rows'})`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </Stack>
      )}
      {column !== undefined && !checklist && !noValue && (
        <Group grow>
          <TextInput
            label={firstLabel}
            type={inputType}
            value={fields.first}
            onChange={(event) => setFields({ ...fields, first: event.currentTarget.value })}
          />
          {twoValues && (
            <TextInput
              label="To"
              type={inputType}
              value={fields.second}
              onChange={(event) => setFields({ ...fields, second: event.currentTarget.value })}
            />
          )}
        </Group>
      )}
      {column?.dates != null && op.startsWith('date:') && (
        <DateOrderField
          columnName={column.name}
          dates={column.dates}
          order={order}
          onChange={setOrder}
        />
      )}
      <Group>
        <Button
          size="xs"
          variant="default"
          disabled={condition === null}
          onClick={() => {
            if (condition === null) return
            onAdd(condition)
            chooseColumn('')
          }}
        >
          Add condition
        </Button>
      </Group>
    </Stack>
  )
}
