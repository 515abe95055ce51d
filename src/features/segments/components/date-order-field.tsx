import { Alert, Group, Radio, Text } from '@mantine/core'
import type { DateOrder } from '../../../../contracts/recipe'
import { dateOrderName, type DateColumnReading } from '../domain/rows/date-order'

interface DateOrderFieldProps {
  columnName: string
  dates: DateColumnReading
  order: DateOrder | null
  onChange: (order: DateOrder) => void
}

/**
 * How a date condition's column reads its day/month order: the question when the data cannot
 * decide it (the condition waits for the answer), the order assumed, or why a mix cannot be read.
 */
export function DateOrderField({ columnName, dates, order, onChange }: DateOrderFieldProps) {
  if (dates.kind === 'mixed') {
    return (
      <Alert color="red" p="xs" title={`The dates of ${columnName} cannot be compared`}>
        {dates.sentence}
      </Alert>
    )
  }
  if (dates.kind === 'decided') {
    return dates.sentence === null ? null : (
      <Text size="sm" c="dimmed">
        {dates.sentence}
      </Text>
    )
  }
  return (
    <Radio.Group
      label={dates.question}
      description={`The condition on ${columnName} applies once you say how its dates are read.`}
      value={order ?? ''}
      onChange={(value) => onChange(value as DateOrder)}
    >
      <Group mt={4}>
        {dates.answers.map((answer) => (
          <Radio
            key={answer.order}
            value={answer.order}
            label={`${answer.label} (${dateOrderName(answer.order)})`}
          />
        ))}
      </Group>
    </Radio.Group>
  )
}
