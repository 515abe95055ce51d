import * as z from 'zod/mini'

// Kept in localStorage: these are team preferences, not secrets (the token never goes here).
export const PROPERTY_SETTINGS_KEY = 'fanpass-console.property-settings'

export const DEFAULT_BATCH_SIZE = 1000
export const MAX_BATCH_SIZE = 10_000
/** Four requests at a time keeps a bulk update quick without earning "too many requests". */
export const DEFAULT_CONCURRENCY = 4
export const MAX_CONCURRENCY = 8

export const propertySettingsSchema = z.object({
  /** Custom attributes registered in the team's FanReach Portal; empty until the team fills it. */
  registeredAttributes: z.array(z.string()),
  batchSize: z
    .number({ error: 'Type a number of users per request.' })
    .check(
      z.int('Type a whole number of users per request.'),
      z.minimum(1, 'Send at least 1 user per request.'),
      z.maximum(
        MAX_BATCH_SIZE,
        `Keep it at ${MAX_BATCH_SIZE.toLocaleString('en-US')} users per request or fewer.`,
      ),
    ),
  concurrency: z
    .number({ error: 'Type how many requests may run at once.' })
    .check(
      z.int('Type a whole number of requests.'),
      z.minimum(1, 'Allow at least 1 request at a time.'),
      z.maximum(
        MAX_CONCURRENCY,
        `Allow at most ${MAX_CONCURRENCY} requests at a time: more would mostly earn "too many requests" answers.`,
      ),
    ),
})

export type PropertySettings = z.infer<typeof propertySettingsSchema>

export const DEFAULT_PROPERTY_SETTINGS: PropertySettings = {
  registeredAttributes: [],
  batchSize: DEFAULT_BATCH_SIZE,
  concurrency: DEFAULT_CONCURRENCY,
}

const listeners = new Set<() => void>()
let cached: { raw: string | null; settings: PropertySettings } | null = null

function readRaw(): string | null {
  try {
    return localStorage.getItem(PROPERTY_SETTINGS_KEY)
  } catch {
    return null
  }
}

/** The saved settings; the defaults when nothing (or something unreadable) is saved. */
export function loadPropertySettings(): PropertySettings {
  const raw = readRaw()
  if (cached !== null && cached.raw === raw) return cached.settings
  let settings = DEFAULT_PROPERTY_SETTINGS
  if (raw !== null) {
    try {
      // Field by field, so one bad value (edited by hand) does not throw the others away.
      const stored = z.record(z.string(), z.unknown()).parse(JSON.parse(raw))
      const pick = <K extends keyof PropertySettings>(key: K): PropertySettings[K] => {
        const field = propertySettingsSchema.shape[key].safeParse(stored[key])
        return field.success ? (field.data as PropertySettings[K]) : DEFAULT_PROPERTY_SETTINGS[key]
      }
      settings = {
        registeredAttributes: pick('registeredAttributes'),
        batchSize: pick('batchSize'),
        concurrency: pick('concurrency'),
      }
    } catch {
      settings = DEFAULT_PROPERTY_SETTINGS
    }
  }
  cached = { raw, settings }
  return settings
}

/** Saves the settings for this browser; throws a sentence if the browser refuses. */
export function savePropertySettings(settings: PropertySettings): void {
  const valid = propertySettingsSchema.parse(settings)
  try {
    localStorage.setItem(PROPERTY_SETTINGS_KEY, JSON.stringify(valid))
  } catch (error) {
    throw new Error(
      "The settings could not be saved: the browser's storage for this site is full or blocked (a private window can block it).",
      { cause: error },
    )
  }
  for (const listener of listeners) listener()
}

/** Calls `listener` when the settings are saved here or in another tab; returns the unsubscribe. */
export function subscribeToPropertySettings(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab saving its settings updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROPERTY_SETTINGS_KEY || event.key === null) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
