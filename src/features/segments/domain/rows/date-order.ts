// What a source card says about how a date column's day/month order was read: nothing for ISO
// or Excel date cells, the order it assumed when the data decided it, the question it asks when
// the data cannot (every day and month 12 or under), or why a mix of orders cannot be read.
import type { DateOrder, RowCondition } from '../../../../../contracts/recipe'
import { findColumn } from './coded-column'
import { sayDayMonth, type DateReading } from './date-cell'

export type DateColumnReading =
  /** sentence: the order assumed and a cell that shows it; null when no order was needed. */
  | { kind: 'decided'; order: DateOrder | null; sentence: string | null }
  /** Asked before a date condition applies: question, and each order's answer. */
  | {
      kind: 'ambiguous'
      example: string
      question: string
      answers: { order: DateOrder; label: string }[]
    }
  | { kind: 'mixed'; sentence: string }

export type DateOrderQuestion = Extract<DateColumnReading, { kind: 'ambiguous' }>

const ORDER_NAMES: Record<DateOrder, string> = {
  dayFirst: 'day first',
  monthFirst: 'month first',
}

/**
 * e.g. dates read day first on "25/03/2026" → decided, "Dates read day first: 25/03/2026 is the 25th of March."
 *      ambiguous on "03/04/2026" → "Is 03/04/2026 the 3rd of April or the 4th of March?"
 */
export function dateColumnReading(
  reading: Exclude<DateReading, { kind: 'not-dates' }>,
): DateColumnReading {
  switch (reading.kind) {
    case 'mixed':
      return { kind: 'mixed', sentence: reading.sentence }
    case 'ambiguous': {
      const { example } = reading
      const answers = (['dayFirst', 'monthFirst'] as const).map((order) => ({
        order,
        label: sayDayMonth(example, order),
      }))
      return {
        kind: 'ambiguous',
        example,
        question: `Is ${example} ${answers[0]?.label ?? ''} or ${answers[1]?.label ?? ''}?`,
        answers,
      }
    }
    case 'dates': {
      const { order, example } = reading
      if (order === null || example === null) return { kind: 'decided', order, sentence: null }
      return {
        kind: 'decided',
        order,
        sentence: `Dates read ${ORDER_NAMES[order]}: ${example} is ${sayDayMonth(example, order)}.`,
      }
    }
  }
}

/** e.g. dayFirst → "day first" */
export function dateOrderName(order: DateOrder): string {
  return ORDER_NAMES[order]
}

/**
 * The day/month question a saved date condition waits for: it names no order (its first file's
 * dates were ISO, or it comes from a recipe) and its column, in this file, cannot tell.
 * e.g. (Last Purchase is after 2026-10-01, column ambiguous on "02/11/2026") → "Is 02/11/2026 the 2nd of November or …?"
 *      the same condition with order dayFirst → null
 */
export function dateOrderToAsk(
  condition: RowCondition,
  columns: readonly { name: string; dates: DateColumnReading | null }[],
): DateOrderQuestion | null {
  if (condition.kind !== 'date' || condition.order !== undefined) return null
  const dates = columns[findColumn(columns, condition.column)]?.dates
  return dates?.kind === 'ambiguous' ? dates : null
}
