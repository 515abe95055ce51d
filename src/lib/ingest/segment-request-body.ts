import { IngestError } from './ingest-error'
import type { SegmentRequestInput } from './types'

/**
 * The exact JSON body of POST /api/v1/segments, built by concatenating JSON.stringify of each
 * piece: one pass over the IDs, no intermediate object. Notes are left out when empty.
 * e.g. ({ title: "VIPs", tag: "vips" }, ["0012"]) → '{"title":"VIPs","tag":"vips","sourceType":0,"userIds":["0012"]}'
 */
export function buildSegmentRequestBody(
  input: SegmentRequestInput,
  userIds: readonly string[],
): string {
  if (userIds.length === 0) {
    // The API rejects an empty userIds array; a replace with none would also wipe the segment.
    throw new IngestError(
      'no-ids',
      'There are no IDs to send. Add a file or paste IDs with at least one valid ID.',
    )
  }
  const sourceType = input.sourceType ?? 0
  if (!Number.isInteger(sourceType) || sourceType < 0) {
    throw new IngestError(
      'invalid-request',
      `The source type must be a whole number such as 0 (Ticketing ID), not ${String(sourceType)}.`,
    )
  }
  const notes = input.notes ?? ''
  return (
    `{"title":${JSON.stringify(input.title)},"tag":${JSON.stringify(input.tag)}` +
    `,"sourceType":${sourceType},"userIds":${JSON.stringify(userIds)}` +
    (notes.trim() === '' ? '' : `,"notes":${JSON.stringify(notes)}`) +
    '}'
  )
}
