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

/** A request body read as far as every endpoint reads it, or the 400 it gets instead. */
export type RequestFields<Field extends string> =
  | {
      ok: true
      fields: Record<string, unknown>
      /** Required fields the body leaves out (see isMissingValue). */
      missing: Field[]
      /** Error sentences so far: the missing fields' one, if any. */
      errors: string[]
    }
  | { ok: false; outcome: ApiOutcome }

/**
 * The first step of every endpoint: the body must be a JSON object (no body counts as an empty
 * one), and the required fields it leaves out are named in one sentence.
 * e.g. readRequestFields([], ['userIds', 'userProperties']) → 400 'The request body must be a JSON
 * object with userIds and userProperties, but it is a list.'; readRequestFields({}, ['userIds'])
 * → ok, missing ['userIds'], errors ['Missing required fields: userIds']
 */
export function readRequestFields<Field extends string>(
  body: unknown,
  required: readonly Field[],
): RequestFields<Field> {
  const fields = isJsonObject(body) ? body : body === undefined ? {} : undefined
  if (!fields) {
    const expected = `${required.slice(0, -1).join(', ')} and ${required.at(-1) ?? ''}`
    return {
      ok: false,
      outcome: {
        status: 400,
        messages: [],
        errors: [
          `The request body must be a JSON object with ${expected}, but it is ${describeJsonValue(body)}.`,
        ],
      },
    }
  }
  const missing = required.filter((field) => isMissingValue(fields[field]))
  const errors = missing.length > 0 ? [missingFieldsSentence(missing)] : []
  return { ok: true, fields, missing, errors }
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
