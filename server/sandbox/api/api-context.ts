import type { SandboxStore } from '../store.ts'

export interface ApiContext {
  store: SandboxStore
  registeredAttributes: ReadonlySet<string>
  now: () => Date
}

/** What an endpoint handler decided; the route wraps it in the FanPass envelope. */
export interface ApiOutcome {
  status: number
  messages: string[]
  errors: string[]
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Names a JSON value's type for an error sentence, e.g. describeJsonValue(12) → 'a number'. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  switch (typeof value) {
    case 'string':
      return 'text'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true/false'
    default:
      return 'an object'
  }
}

/**
 * Whether a required field counts as absent: missing, null, blank text, an empty list or an
 * empty object (the collection's own 400 example sends `userProperties: {}` and calls it missing).
 * e.g. isMissingValue([]) → true; isMissingValue('0') → false.
 */
export function isMissingValue(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  if (isJsonObject(value)) return Object.keys(value).length === 0
  return false
}

/** The sentence FanPass uses for absent required fields, e.g. ['title', 'tag'] → 'Missing required fields: title, tag'. */
export function missingFieldsSentence(fields: readonly string[]): string {
  return `Missing required fields: ${fields.join(', ')}`
}

/** Checks userIds is a list of strings; returns an error sentence or undefined. */
export function userIdsTypeError(userIds: unknown): string | undefined {
  if (!Array.isArray(userIds)) {
    return `userIds must be a list of user IDs in square brackets, but it is ${describeJsonValue(userIds)}.`
  }
  const badIndex = userIds.findIndex((id) => typeof id !== 'string')
  if (badIndex === -1) return undefined
  const badCount = userIds.filter((id) => typeof id !== 'string').length
  return `userIds must contain only text values in quotes: ${badCount} ${badCount === 1 ? 'entry is' : 'entries are'} not (the first is entry ${badIndex + 1}, ${describeJsonValue(userIds[badIndex])}).`
}
