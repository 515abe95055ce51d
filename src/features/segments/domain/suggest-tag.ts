/**
 * Suggests a tag from a title: camelCase, letters and digits only, accents folded.
 * e.g. "Season ticket renewals 2026/27" → "seasonTicketRenewals202627"; "VIPs Él Niño" → "vipsElNino"
 */
export function suggestTag(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
  return words
    .map((word, index) => (index === 0 ? lowerFirstWord(word) : upperFirst(word)))
    .join('')
}

// An acronym opening the title is lowered whole: "VIPs" → "vips", not "vIPs".
function lowerFirstWord(word: string): string {
  return /^[A-Z]{2,}/.test(word) ? word.toLowerCase() : word.charAt(0).toLowerCase() + word.slice(1)
}

function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
