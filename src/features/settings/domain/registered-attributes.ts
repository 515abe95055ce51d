// The team's copy of the custom attributes registered in their FanReach Portal. FanPass ignores
// any custom key not registered there, and the console cannot ask FanPass for the list, so the
// team keeps it in Settings and moves it between browsers as a JSON file.
import * as z from 'zod/mini'
import { checkPropertyKey, type KeyVerdict } from '../../../lib/property-rules'

/** The file format, the same as the sandbox's registered-attributes.json. */
export const registeredAttributesFileSchema = z.object({
  registeredAttributes: z.array(z.string()),
})

export interface CleanedNames {
  names: string[]
  rejected: { name: string; sentence: string }[]
}

export type ImportResult = ({ ok: true } & CleanedNames) | { ok: false; sentence: string }

// Every name passes the key rules against a list that holds it, so only reserved, badly formed
// or too long names are reported: those cannot be registered in the Portal anyway.
function ruleProblem(name: string): KeyVerdict {
  return checkPropertyKey(name, new Set([name]))
}

/**
 * Reads an exported list (or a plain JSON array of names): trims, drops duplicates and names
 * that break GA4's rules, and keeps the rest in order.
 * @example parseRegisteredAttributes('{"registeredAttributes":["tier","tier","ga_x"]}')
 * // → ok, names ['tier'], rejected [{ name: 'ga_x', sentence: 'ga_x starts with ga_, …' }]
 */
export function parseRegisteredAttributes(text: string): ImportResult {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, sentence: 'This file is not JSON. Choose a file exported from Settings.' }
  }
  const list = Array.isArray(parsed) ? { registeredAttributes: parsed } : parsed
  const checked = registeredAttributesFileSchema.safeParse(list)
  if (!checked.success) {
    return {
      ok: false,
      sentence:
        'This JSON file has no list of attribute names. Expected {"registeredAttributes": ["name", …]}, as Export writes it.',
    }
  }
  return { ok: true, ...cleanAttributeNames(checked.data.registeredAttributes) }
}

/**
 * Trims names, drops blanks and repeats, and sets aside names that break GA4's rules.
 * @example cleanAttributeNames([' tier', 'tier', 'user_id']) // → names ['tier'], rejected [{ name: 'user_id', … }]
 */
export function cleanAttributeNames(raw: readonly string[]): CleanedNames {
  const names: string[] = []
  const seen = new Set<string>()
  const rejected: { name: string; sentence: string }[] = []
  for (const entry of raw) {
    const name = entry.trim()
    if (name === '' || seen.has(name)) continue
    seen.add(name)
    const verdict = ruleProblem(name)
    if (verdict.status === 'ignored') rejected.push({ name, sentence: verdict.sentence })
    else names.push(name)
  }
  return { names, rejected }
}

/**
 * The list as the JSON file Export downloads (and Import reads back).
 * @example registeredAttributesJson(['tier', 'team']) // → '{\n  "registeredAttributes": [\n    "tier",\n    "team"\n  ]\n}\n'
 */
export function registeredAttributesJson(names: readonly string[]): string {
  return `${JSON.stringify({ registeredAttributes: names }, null, 2)}\n`
}

/**
 * Splits what a marketer typed or pasted into names: commas, semicolons, spaces, line breaks.
 * @example splitAttributeNames('tier, team\nseat') // → ['tier', 'team', 'seat']
 */
export function splitAttributeNames(text: string): string[] {
  return text.split(/[\s,;]+/).filter((name) => name !== '')
}
