import type { PropertyValue } from '../store.ts'
import type { ApiContext, ApiOutcome } from './api-context.ts'
import {
  describeJsonValue,
  isJsonObject,
  readRequestFields,
  userIdsTypeError,
} from './api-context.ts'

const REQUIRED_FIELDS = ['userIds', 'userProperties'] as const
// GA4's reserved user property names; FanPass ignores them with a warning.
const RESERVED_NAMES = new Set([
  'user_id',
  'first_open_time',
  'first_visit_time',
  'last_deep_link_referrer',
  'first_open_after_install',
])
const RESERVED_PREFIXES = ['ga_', 'google_', 'firebase_']
// GA4 limits: property names to 24 characters, values to 36 (FanPass truncates longer values).
const MAX_NAME_LENGTH = 24
const MAX_VALUE_LENGTH = 36

function isReserved(name: string): boolean {
  const lower = name.toLowerCase()
  return RESERVED_NAMES.has(lower) || RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix))
}

function isPropertyValue(value: unknown): value is PropertyValue {
  return typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)
}

/** Cuts text to `max` characters, counting an emoji as one, e.g. truncate('abcdef', 3) → 'abc'. */
function truncate(value: string, max: number): string {
  const characters = Array.from(value)
  return characters.length > max ? characters.slice(0, max).join('') : value
}

/**
 * POST /api/v1/update_user: merges the registered, non-reserved properties into every listed user.
 * Ignored keys and truncated values are reported as extra `messages` after the success sentence.
 * e.g. {userIds:['1'], userProperties:{user_id:'x', vip_level:'gold'}} → 200
 * ['Successfully updated user properties for 1 users', 'Ignored reserved property user_id.'].
 */
export function updateUser(body: unknown, context: ApiContext): ApiOutcome {
  const request = readRequestFields(body, REQUIRED_FIELDS)
  if (!request.ok) return request.outcome
  const { fields, missing, errors } = request

  const { userIds, userProperties } = fields
  if (!missing.includes('userIds')) {
    const userIdsError = userIdsTypeError(userIds)
    if (userIdsError) errors.push(userIdsError)
  }
  if (!missing.includes('userProperties')) {
    if (!isJsonObject(userProperties)) {
      errors.push(
        `userProperties must be an object of name-value pairs in curly braces, but it is ${describeJsonValue(userProperties)}.`,
      )
    } else {
      for (const [name, value] of Object.entries(userProperties)) {
        if (!isPropertyValue(value)) {
          errors.push(
            `The value of ${name} must be text, a number or true/false, but it is ${describeJsonValue(value)}.`,
          )
        }
      }
    }
  }
  if (errors.length > 0) return { status: 400, messages: [], errors }

  const ids = userIds as string[]
  const accepted: Record<string, PropertyValue> = {}
  const warnings: string[] = []
  for (const [name, value] of Object.entries(userProperties as Record<string, PropertyValue>)) {
    if (isReserved(name)) {
      warnings.push(`Ignored reserved property ${name}.`)
    } else if (name.length > MAX_NAME_LENGTH) {
      warnings.push(
        `Ignored property ${name}: property names are limited to ${MAX_NAME_LENGTH} characters.`,
      )
    } else if (!context.registeredAttributes.has(name)) {
      warnings.push(`Ignored property ${name}: it is not registered in the FanReach Portal.`)
    } else if (typeof value === 'string' && Array.from(value).length > MAX_VALUE_LENGTH) {
      accepted[name] = truncate(value, MAX_VALUE_LENGTH)
      warnings.push(`Truncated the value of ${name} to ${MAX_VALUE_LENGTH} characters.`)
    } else {
      accepted[name] = value
    }
  }

  // Every key ignored is still a 200: FanPass documents ignored keys as warnings, not errors,
  // so the sandbox accepts the request, changes nothing, and lets the warnings explain why.
  if (Object.keys(accepted).length > 0) {
    context.store.mergeUserProperties(ids, accepted, context.now().toISOString())
  }
  return {
    status: 200,
    messages: [`Successfully updated user properties for ${ids.length} users`, ...warnings],
    errors: [],
  }
}
