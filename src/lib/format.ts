const countFormat = new Intl.NumberFormat('en-US')

/** e.g. 48120 → "48,120" (one grouping everywhere, so counts in tests and screenshots agree) */
export function formatCount(value: number): string {
  return countFormat.format(value)
}

/** e.g. 12_400_000 → "12.4 MB"; 512 → "512 bytes" */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

/** e.g. (1, 'ID') → "1 ID"; (48120, 'ID') → "48,120 IDs"; (2, 'query', 'queries') → "2 queries" */
export function formatQuantity(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`
}

/** Characters of a value the page shows before cutting it short. */
export const DISPLAY_CHARS = 120

/**
 * A value short enough to render: a 10 MB cell would freeze the page's layout.
 * e.g. shortenForDisplay('x'.repeat(5000)) → "xxx…x… (5,000 characters)" (120 x's); "12345" → "12345"
 */
export function shortenForDisplay(value: string, maxChars = DISPLAY_CHARS): string {
  if (value.length <= maxChars) return value
  let end = maxChars
  // Never split an emoji or other astral character in two.
  const last = value.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${value.slice(0, end)}… (${formatCount(value.length)} characters)`
}

/** What went wrong, as a sentence: an Error's message, or the thrown value itself. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
