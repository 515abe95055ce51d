import { toCsv } from '../../../lib/csv-escape'
import { recordedBy, type TeamRecord } from '../../../lib/team-history-record'

const HEADER = [
  'time',
  'who',
  'kind',
  'FanPass host',
  'tag',
  'title',
  'source type',
  'notes',
  'files',
  'user IDs',
  'HTTP status',
  'correlationId',
  'messages',
  'errors',
  'ID list',
  // The X-Console-Batch of segments confirmed together: a spreadsheet groups them by it.
  'batch',
]

const KIND_NAMES: Record<TeamRecord['kind'], string> = {
  segment: 'segment replace',
  'properties-request': 'user properties request',
  'properties-job': 'user properties job',
}

/**
 * The team history as a CSV file for a spreadsheet, cells defused (lib/csv-escape).
 * e.g. one accepted upload of vip by Jane Doe → a header and one row "2026-12-01T09:12:00.000Z,Jane Doe,segment replace,…".
 */
export function teamHistoryCsv(records: readonly TeamRecord[]): string {
  const text = (value: string | number | null) => (value === null ? '' : String(value))
  return toCsv([
    HEADER,
    ...records.map((record) => [
      record.createdAt,
      recordedBy(record),
      KIND_NAMES[record.kind],
      record.fanpassHost,
      text(record.tag),
      text(record.title),
      text(record.sourceType),
      text(record.notes),
      record.annotations?.files.map((file) => file.name).join('; ') ?? '',
      text(record.userIdCount),
      text(record.httpStatus),
      text(record.correlationId),
      record.messages.join(' '),
      record.errors.join(' '),
      record.listState,
      text(record.batchId),
    ]),
  ])
}
