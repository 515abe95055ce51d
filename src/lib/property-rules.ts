// Rules FanPass applies to `update_user` keys and values. FanPass forwards them to GA4 user
// properties, so the key rules are GA4's; FanPass silently ignores a key that breaks them
// (and truncates long values), so the console has to say so before anything is sent.

/** GA4 caps user property names at 24 characters; FanPass ignores longer keys. */
export const MAX_KEY_LENGTH = 24

/** GA4 caps user property values at 36 characters; FanPass truncates longer values. */
export const MAX_VALUE_LENGTH = 36

/** GA4's reserved user property names, stored lower-case (compared case-insensitively). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'user_id',
  'first_open_time',
  'first_visit_time',
  'last_deep_link_referrer',
  'first_open_after_install',
])

/** Name prefixes GA4 keeps for itself, lower-case. */
export const RESERVED_PREFIXES: readonly string[] = ['ga_', 'google_', 'firebase_']

const KEY_FORMAT = /^[A-Za-z][A-Za-z0-9_]*$/

export type KeyIgnoreReason =
  'reserved' | 'reserved-prefix' | 'too-long' | 'bad-format' | 'empty' | 'not-registered'

export type KeyVerdict =
  { status: 'ok' } | { status: 'ignored'; reason: KeyIgnoreReason; sentence: string }

export type ValueVerdict =
  | { status: 'ok' }
  | {
      status: 'truncated'
      /** Exactly what FanPass will keep: the first 36 code points. */
      stored: string
      /** Length of the original value in code points. */
      length: number
      sentence: string
    }

function ignored(reason: KeyIgnoreReason, sentence: string): KeyVerdict {
  return { status: 'ignored', reason, sentence }
}

/**
 * Says whether FanPass will accept a property key, and if not, why in one sentence.
 * @example checkPropertyKey('ga_score', new Set(['ga_score'])) // → ignored, 'reserved-prefix'
 */
export function checkPropertyKey(key: string, registered: ReadonlySet<string>): KeyVerdict {
  if (key.trim() === '') {
    return ignored(
      'empty',
      'A column has no name in the header row, so FanPass would ignore it. Give it the name of a registered attribute.',
    )
  }
  // Reserved names and prefixes are matched case-insensitively on purpose: `User_ID` or `GA_score`
  // only differ from GA4's own names by case, and GA4 may drop or collide with them. Flagging
  // them costs the marketer a rename; missing them would lose the data without a word.
  const lower = key.toLowerCase()
  if (RESERVED_KEYS.has(lower)) {
    return ignored('reserved', `${key} is reserved by GA4, so FanPass will ignore it.`)
  }
  const prefix = RESERVED_PREFIXES.find((p) => lower.startsWith(p))
  if (prefix !== undefined) {
    return ignored(
      'reserved-prefix',
      `${key} starts with ${prefix}, which GA4 reserves; FanPass will ignore it.`,
    )
  }
  // Format before length: a name with a space or an accent needs renaming anyway, and once the
  // format holds the name is plain ASCII, so its length in characters is unambiguous.
  if (!KEY_FORMAT.test(key)) {
    return ignored(
      'bad-format',
      `“${key}” is not a valid property name, so FanPass will ignore it. Names must start with a letter and use only letters, digits and underscores.`,
    )
  }
  if (key.length > MAX_KEY_LENGTH) {
    return ignored(
      'too-long',
      `${key} is ${key.length} characters long; FanPass ignores names longer than ${MAX_KEY_LENGTH} characters.`,
    )
  }
  if (!registered.has(key)) {
    // GA4 names are case-sensitive, so a near miss is still ignored; pointing at it saves a hunt.
    const nearMiss = [...registered].find((name) => name.toLowerCase() === lower)
    const hint =
      nearMiss === undefined ? '' : ` (${nearMiss} is registered; names are case-sensitive)`
    return ignored(
      'not-registered',
      `${key} is not in your registered attributes${hint}, so FanPass will ignore it unless it is registered in the FanReach Portal (Settings lists what you have registered).`,
    )
  }
  return { status: 'ok' }
}

/**
 * Says whether FanPass will store a value whole, and if not, exactly what it will keep.
 * @example checkPropertyValue('a'.repeat(40)) // → truncated, stored 'a'.repeat(36), length 40
 */
export function checkPropertyValue(value: string): ValueVerdict {
  // FanPass documents the limit as 36 "characters". We count Unicode code points (Array.from),
  // not UTF-16 code units, so an emoji is never split into half a surrogate pair. Grapheme
  // clusters (a flag, a family emoji) can still be cut between their code points: we report
  // what a code-point cut stores, which is our best reading of FanPass's documented limit.
  if (value.length <= MAX_VALUE_LENGTH) return { status: 'ok' }
  const codePoints = Array.from(value)
  if (codePoints.length <= MAX_VALUE_LENGTH) return { status: 'ok' }
  const stored = codePoints.slice(0, MAX_VALUE_LENGTH).join('')
  return {
    status: 'truncated',
    stored,
    length: codePoints.length,
    sentence: `This value is ${codePoints.length} characters long; FanPass keeps only the first ${MAX_VALUE_LENGTH} and will store “${stored}”.`,
  }
}
