import { toCsv } from '../../../lib/csv-escape'

export type FailedRequest = {
  request: { userIds: string[]; userProperties: Record<string, string> }
  /** Sentences explaining the failure, as shown to the marketer. */
  errors: string[]
  correlationId: string | null
}

type FailedRow = {
  userId: string
  values: Map<string, string>
  errors: string[]
  correlationIds: string[]
}

function addOnce(list: string[], items: readonly string[]): void {
  for (const item of items) if (!list.includes(item)) list.push(item)
}

/**
 * A CSV of what did not reach FanPass, one row per user, ready to fix and upload again.
 * @example failedRowsCsv([{ request: { userIds: ['1'], userProperties: { tier: 'Gold' } }, errors: ['FanPass was busy.'], correlationId: 'c-1' }])
 * // → 'userId,tier,error,correlationId\r\n1,Gold,FanPass was busy.,c-1\r\n'
 */
export function failedRowsCsv(failures: readonly FailedRequest[]): string {
  const properties: string[] = []
  const seenProperties = new Set<string>()
  const rows: FailedRow[] = []
  const rowsByUser = new Map<string, FailedRow[]>()

  for (const { request, errors, correlationId } of failures) {
    const entries = Object.entries(request.userProperties)
    for (const [property] of entries) {
      if (!seenProperties.has(property)) {
        seenProperties.add(property)
        properties.push(property)
      }
    }
    for (const userId of request.userIds) {
      // When a plan sends one property per request, a user can fail in several requests; their
      // values are gathered on one line so the file reads like the one they uploaded. Only if two
      // failures disagree on a value (not something a plan produces) does the user get a second
      // line, so no value is lost.
      const existing = rowsByUser.get(userId) ?? []
      let target = existing.find((row) =>
        entries.every(([property, value]) => (row.values.get(property) ?? value) === value),
      )
      if (target === undefined) {
        target = { userId, values: new Map(), errors: [], correlationIds: [] }
        rows.push(target)
        existing.push(target)
        rowsByUser.set(userId, existing)
      }
      for (const [property, value] of entries) target.values.set(property, value)
      addOnce(target.errors, errors)
      if (correlationId !== null) addOnce(target.correlationIds, [correlationId])
    }
  }

  return toCsv([
    ['userId', ...properties, 'error', 'correlationId'],
    ...rows.map((row) => [
      row.userId,
      ...properties.map((property) => row.values.get(property) ?? ''),
      row.errors.join(' '),
      row.correlationIds.join(' '),
    ]),
  ])
}
