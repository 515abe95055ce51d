// What a source card says about how a date column's day/month order was read: nothing for ISO
// or Excel date cells, the order it assumed when the data decided it, the question it asks when
// the data cannot (every day and month 12 or under), or why a mix of orders cannot be read.
import type { DateOrder, RowCondition } from '../../../../../contracts/recipe'
import { findColumn } from './coded-column'
import { sayDayMonth, type DateReading } from './date-cell'

export type DateColumnReading =
  /** No order was needed (ISO dates, Excel date cells, days equal to their month). */
  | { kind: 'decided'; order: null; sentence: null }
  /** sentence: the order assumed; example: the cell that decided it (or it was assumed for). */
  | { kind: 'decided'; order: DateOrder; sentence: string; example: string }
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
      // An order without a day/month cell to show it did not matter to any cell.
      if (order === null || example === null)
        return { kind: 'decided', order: null, sentence: null }
      return {
        kind: 'decided',
        order,
        sentence: `Dates read ${ORDER_NAMES[order]}: ${example} is ${sayDayMonth(example, order)}.`,
        example,
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
 * dates were ISO, or it comes from a recipe) and its column, in this file, cannot tell; or it
 * names one this file's dates cannot be read in (a 13 where it reads the month), which is asked
 * again rather than applied or silently changed, with the one order the file can be read in.
 * e.g. (Last Purchase is after 2026-10-01, column ambiguous on "02/11/2026") → "Is 02/11/2026 the 2nd of November or …?"
 *      the same condition with order dayFirst → null;
 *      with order dayFirst, column decided month first on "03/13/2026" → '"Last Purchase" was read day first before, …'
 */
export function dateOrderToAsk(
  condition: RowCondition,
  columns: readonly { name: string; dates: DateColumnReading | null }[],
): DateOrderQuestion | null {
  if (condition.kind !== 'date') return null
  const dates = columns[findColumn(columns, condition.column)]?.dates
  if (condition.order === undefined) return dates?.kind === 'ambiguous' ? dates : null
  if (dates?.kind !== 'decided' || dates.order === null || dates.order === condition.order) {
    return null
  }
  const { example, order } = dates
  const label = sayDayMonth(example, order)
  return {
    kind: 'ambiguous',
    example,
    question: `"${condition.column}" was read ${ORDER_NAMES[condition.order]} before, but this file has ${example}, which can only be ${label}: read it ${ORDER_NAMES[order]}?`,
    answers: [{ order, label }],
  }
}
