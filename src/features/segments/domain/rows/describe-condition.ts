// A "Keep rows where…" condition as the card lists it, e.g. "Plan Type is one of Full Season".
import type { RowCondition } from '../../../../../contracts/recipe'

const NUMBER_OPS = { eq: '=', ne: '≠', lt: '<', le: '≤', gt: '>', ge: '≥' } as const

/** A picked value as text: blank is "(empty)"; surrounding spaces are shown inside quotes. */
export function shownValue(value: string): string {
  if (value.trim() === '') return '(empty)'
  return value === value.trim() ? value : `“${value}”`
}

function valueList(values: readonly string[]): string {
  const shown = values.map(shownValue)
  return shown.length <= 1
    ? (shown[0] ?? 'nothing')
    : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`
}

/**
 * e.g. Plan Type isOneOf ["Full Season", "Full Season "] → 'Plan Type is one of Full Season or “Full Season ”';
 *      Seats between 2 and 4 → "Seats is between 2 and 4";
 *      Last Purchase before 2026-04-03, day first → "Last Purchase is before 2026-04-03 (dates read day first)"
 */
export function describeCondition(condition: RowCondition): string {
  const column = condition.column
  if (condition.kind === 'text') {
    switch (condition.op) {
      case 'isOneOf':
        return `${column} is one of ${valueList(condition.values)}`
      case 'isNotOneOf':
        return `${column} is not one of ${valueList(condition.values)}`
      case 'contains':
        return `${column} contains “${condition.text}”`
      case 'startsWith':
        return `${column} starts with “${condition.text}”`
      case 'isEmpty':
        return `${column} is empty`
      case 'isNotEmpty':
        return `${column} is not empty`
    }
  }
  if (condition.kind === 'number') {
    return condition.op === 'between'
      ? `${column} is between ${condition.min} and ${condition.max}`
      : `${column} ${NUMBER_OPS[condition.op]} ${condition.value}`
  }
  const order =
    condition.order === undefined
      ? ''
      : ` (dates read ${condition.order === 'dayFirst' ? 'day' : 'month'} first)`
  switch (condition.op) {
    case 'before':
      return `${column} is before ${condition.date}${order}`
    case 'after':
      return `${column} is after ${condition.date}${order}`
    case 'between':
      return `${column} is between ${condition.from} and ${condition.to}${order}`
    case 'inLastDays':
      return `${column} is in the last ${condition.days} ${condition.days === 1 ? 'day' : 'days'}${order}`
  }
}
