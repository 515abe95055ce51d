import type { IdList } from './id-list'
import { IngestError } from './ingest-error'
import type { SegmentRequestInput } from './types'

const IDS_PER_SLICE = 100_000

/** e.g. IdList.from(["0012", "a\"b"]) → '["0012","a\\"b"]' */
function userIdsJson(userIds: IdList): string {
  const parts: string[] = []
  for (let start = 0; start < userIds.length; start += IDS_PER_SLICE) {
    parts.push(JSON.stringify(userIds.slice(start, start + IDS_PER_SLICE)).slice(1, -1))
  }
  return `[${parts.join(',')}]`
}

/**
 * The exact JSON body of POST /api/v1/segments, built by concatenating JSON.stringify of each
 * piece, the IDs in slices so no single array of a million strings is built. Notes are left
 * out when empty.
 * e.g. ({ title: "VIPs", tag: "vips" }, IdList.from(["0012"])) → '{"title":"VIPs","tag":"vips","sourceType":0,"userIds":["0012"]}'
 */
export function buildSegmentRequestBody(input: SegmentRequestInput, userIds: IdList): string {
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
    `,"sourceType":${sourceType},"userIds":${userIdsJson(userIds)}` +
    (notes.trim() === '' ? '' : `,"notes":${JSON.stringify(notes)}`) +
    '}'
  )
}
