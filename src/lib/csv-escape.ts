// Writes CSV files the console hands back to marketers (failed rows, reports). They open them in
// Excel or Google Sheets, so besides RFC 4180 quoting, a cell that a spreadsheet would run as a
// formula is defused (OWASP "CSV injection").

// A leading =, +, - or @ starts a formula in Excel, LibreOffice and Sheets; a leading tab or CR
// can hide one from a first glance and some importers strip it before evaluating.
const FORMULA_START = /^[=+\-@\t\r]/

// RFC 4180 requires quotes around a comma, a quote or a line break. A semicolon is quoted too
// (allowed by the RFC) because Excel in many European locales splits on it, and edge spaces are
// quoted because several importers trim unquoted cells.
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/

/**
 * One CSV cell, quoted when needed and defused when a spreadsheet would run it.
 * @example escapeCsvCell('=HYPERLINK("x")') // → "'=HYPERLINK(""x"")" (with the outer quotes)
 */
export function escapeCsvCell(value: string): string {
  // The apostrophe makes Excel and Sheets show the rest as text instead of evaluating it.
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * A CSV document with CRLF line ends (RFC 4180), every cell escaped, ending in a line break.
 * @example toCsv([['userId', 'tier'], ['12345', 'Gold']]) // → 'userId,tier\r\n12345,Gold\r\n'
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  let out = ''
  for (const row of rows) out += `${row.map(escapeCsvCell).join(',')}\r\n`
  return out
}
