import type { IdList } from '../../../lib/ingest/id-list'
import type { IdListFormat } from './types'

const IDS_PER_PART = 100_000
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/

/**
 * The final list as a file: one ID per line (txt), or a CSV with the header "userId". IDs are
 * written exactly as they will be sent (no "'" formula guard: the file is meant to be uploaded
 * again, and a changed ID would be a different user); only CSV quoting is applied.
 * e.g. (IdList.from(["0012","a,b"]), 'csv') → 'userId\n0012\n"a,b"\n'
 */
export function idListBlob(ids: IdList, format: IdListFormat): Blob {
  const parts: string[] = format === 'csv' ? ['userId\n'] : []
  for (let start = 0; start < ids.length; start += IDS_PER_PART) {
    let slice = ids.slice(start, start + IDS_PER_PART)
    if (format === 'csv') {
      slice = slice.map((id) => (NEEDS_QUOTES.test(id) ? `"${id.replace(/"/g, '""')}"` : id))
    }
    parts.push(slice.join('\n') + '\n')
  }
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'text/plain;charset=utf-8'
  return new Blob(parts, { type })
}
