import { isIdHeaderName, normalizeHeaderName } from './choose-id-column'

/** Other headers often exported next to IDs; seeing one makes the first row a header. */
const OTHER_HEADER_NAMES = new Set([
  'email',
  'emailaddress',
  'name',
  'firstname',
  'lastname',
  'fullname',
  'phone',
  'mobile',
  'zip',
  'zipcode',
  'postcode',
  'city',
  'country',
  'status',
])

const DIGIT = /\d/

/**
 * Decides whether the first row is a header: it names a known column ("Account ID", "email"), or
 * its cells have no digits where the rows below mostly do.
 * e.g. first ["Account ID"], rest [["12345"]] → true; first ["12345"], rest [["67890"]] → false
 */
export function isHeaderRow(
  first: readonly string[],
  rest: readonly (readonly string[])[],
): boolean {
  const known = first.some(
    (cell) => isIdHeaderName(cell) || OTHER_HEADER_NAMES.has(normalizeHeaderName(cell)),
  )
  if (known) return true
  let headerVotes = 0
  let dataVotes = 0
  for (let column = 0; column < first.length; column++) {
    const cell = (first[column] ?? '').trim()
    if (cell === '') continue
    let values = 0
    let withDigits = 0
    for (const row of rest) {
      const value = (row[column] ?? '').trim()
      if (value === '') continue
      values++
      if (DIGIT.test(value)) withDigits++
    }
    // Only columns whose data has digits tell a header apart; names or text IDs look alike.
    if (values === 0 || withDigits < values / 2) continue
    if (DIGIT.test(cell)) dataVotes++
    else headerVotes++
  }
  return headerVotes > dataVotes
}
