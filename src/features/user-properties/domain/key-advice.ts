import { checkPropertyKey, type KeyIgnoreReason } from '../../../lib/property-rules'

/**
 * `ok`: FanPass will accept the key. `ignored`: it will not, so the console leaves it out of
 * the request. `unverified`: the team's registered-attribute list is empty, so the console
 * cannot tell; the key is sent and FanPass decides.
 */
export type KeyAdvice =
  | { status: 'ok' }
  | { status: 'ignored'; reason: KeyIgnoreReason; sentence: string }
  | { status: 'unverified'; sentence: string }

export const EMPTY_REGISTERED_LIST_SENTENCE =
  'Your registered-attribute list is empty (Settings): the console cannot tell whether FanPass will accept this key.'

/**
 * What the console will do with a property key, given the team's registered attributes.
 * @example keyAdvice('tier', new Set()) // → unverified: "Your registered-attribute list is empty (Settings): …"
 * @example keyAdvice('user_id', new Set()) // → ignored, 'reserved'
 */
export function keyAdvice(key: string, registered: ReadonlySet<string>): KeyAdvice {
  const verdict = checkPropertyKey(key, registered)
  if (verdict.status === 'ok') return { status: 'ok' }
  // Claiming FanPass will drop a key because a list nobody filled in lacks it would be wrong,
  // and leaving it out would silently lose the marketer's data.
  if (verdict.reason === 'not-registered' && registered.size === 0) {
    return { status: 'unverified', sentence: EMPTY_REGISTERED_LIST_SENTENCE }
  }
  return verdict
}

/**
 * Whether a key goes into the request: ignored keys are left out, as FanPass would drop them.
 * @example isKeySent(keyAdvice('ga_x', new Set())) // → false
 */
export function isKeySent(advice: KeyAdvice): boolean {
  return advice.status !== 'ignored'
}
