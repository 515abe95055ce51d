/**
 * A text as the history can keep it: PostgreSQL stores no U+0000 in text or JSON, so it is
 * shown as ␀ (U+2400). What reaches FanPass is untouched; only the record reads differently.
 * e.g. withoutNul('a\u0000b') → 'a␀b'.
 */
export function withoutNul(value: string): string {
  return value.replaceAll('\u0000', '\u2400')
}

/**
 * The first `maxUnits` UTF-16 units of a recorded value, never half an emoji (a lone surrogate
 * is not valid Unicode, and PostgreSQL refuses it), with no U+0000.
 * e.g. recordedText('ab😀', 3) → 'ab'; recordedText('abc', 3) → 'abc'.
 */
export function recordedText(value: string, maxUnits: number): string {
  const cut =
    value.length <= maxUnits ? value : value.slice(0, maxUnits).replace(/[\uD800-\uDBFF]$/, '')
  return withoutNul(cut)
}
