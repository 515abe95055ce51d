// What a cell's number format changes about its meaning: a date or time instead of a number, or
// leading zeros shown in front of an ID. Everything else a format does (decimals, thousands
// separators, currency) is display only: the cell gives its value.

export interface FormatMeaning {
  kind: 'number' | 'date' | 'time'
  /** Digits a format of zeros alone (`000000`) pads to; 0 otherwise. */
  padWidth: number
}

const GENERAL: FormatMeaning = { kind: 'number', padWidth: 0 }

// ECMA-376 Part 1, 18.8.30: the built-in formats that have no code in styles.xml.
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58,
])
const BUILT_IN_TIMES = new Set([18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56])

/**
 * The meaning of a built-in format id, or null when styles.xml must give its code.
 * e.g. builtInFormat(14) → date; builtInFormat(0) → number; builtInFormat(164) → null
 */
export function builtInFormat(id: number): FormatMeaning | null {
  if (BUILT_IN_DATES.has(id)) return { kind: 'date', padWidth: 0 }
  if (BUILT_IN_TIMES.has(id)) return { kind: 'time', padWidth: 0 }
  return id < 164 ? GENERAL : null
}

/**
 * The meaning of a format code (its first section: the one for positive numbers).
 * e.g. "000000" → pad 6; "yyyy-mm-dd" → date; "[h]:mm" → time; '"ID "0' → number; "#,##0.00" → number
 */
export function formatCodeMeaning(code: string): FormatMeaning {
  const section = code.split(';')[0] ?? ''
  // Literal text and escapes never decide anything; [Red] and [$-409] neither, but [h] does.
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '')
    // Scientific notation's exponent, and AM/PM, are not the e (era year) or m (month) of a date.
    .replace(/e[+-]|am\/pm|a\/p/gi, '')
  if (/^0+$/.test(bare)) return { kind: 'number', padWidth: bare.length }
  const lower = bare.toLowerCase()
  if (lower === 'general' || lower === '@') return GENERAL
  if (/[yde]/.test(lower) || (/m/.test(lower) && !/[hs]/.test(lower))) {
    return { kind: 'date', padWidth: 0 }
  }
  if (/[hs]/.test(lower)) return { kind: 'time', padWidth: 0 }
  return GENERAL
}
