/** Separators a quote may follow to open a field, before the file's own is known. */
const SEPARATORS = new Set([44, 59, 9, 124]) // , ; tab |
const QUOTE = 34
const LF = 10

/**
 * The first non-blank records of a sample whose line breaks are LF, as a CSV reader sees them: a
 * line break inside a quoted field stays inside its record, so a multi-line note does not look
 * like a ragged row to the guesses that choose the layout. The last record of a partial sample
 * may be cut, so it is left out. When the sample ends inside a quote that leaves fewer than two
 * records (a quote opened and never closed), its plain lines are returned: the reader reports the
 * quote, and the layout is still guessed from the rows around it.
 * e.g. sampleRecords('id,note\n1,"two\nlines"\n2,x\n', true) → ['id,note', '1,"two\nlines"', '2,x']
 */
export function sampleRecords(sample: string, isWholeText: boolean, limit = 50): string[] {
  const records: string[] = []
  let start = 0
  let quoted = false
  let fieldStart = true
  for (let i = 0; i < sample.length && records.length < limit; i++) {
    const c = sample.charCodeAt(i)
    if (quoted) {
      if (c !== QUOTE) continue
      if (sample.charCodeAt(i + 1) === QUOTE) i++
      else quoted = false
      continue
    }
    if (c === QUOTE && fieldStart) {
      quoted = true
    } else if (c === LF) {
      const record = sample.slice(start, i)
      if (record.trim() !== '') records.push(record)
      start = i + 1
    }
    fieldStart = c === LF || SEPARATORS.has(c)
  }
  if (quoted && records.length < 2) return plainLines(sample, isWholeText, limit)
  if (isWholeText && records.length < limit) {
    const rest = sample.slice(start)
    if (rest.trim() !== '') records.push(rest)
  }
  return records
}

function plainLines(sample: string, isWholeText: boolean, limit: number): string[] {
  const lines = sample.split('\n')
  const complete = isWholeText ? lines : lines.slice(0, -1)
  return complete.filter((line) => line.trim() !== '').slice(0, limit)
}
