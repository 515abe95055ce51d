import type { IdList } from '../../../lib/ingest/id-list'
import type { SegmentFields } from '../api/replace-segment'

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
 * piece, the IDs in slices so no single array of a million strings is built. The fields come
 * checked by the form's schema (trimmed, source type 0); notes are left out when empty.
 * e.g. ({ title: "VIPs", tag: "vips", sourceType: 0, notes: "" }, IdList.from(["0012"])) → '{"title":"VIPs","tag":"vips","sourceType":0,"userIds":["0012"]}'
 */
export function buildSegmentRequestBody(fields: SegmentFields, userIds: IdList): string {
  return (
    `{"title":${JSON.stringify(fields.title)},"tag":${JSON.stringify(fields.tag)}` +
    `,"sourceType":${fields.sourceType},"userIds":${userIdsJson(userIds)}` +
    (fields.notes === '' ? '' : `,"notes":${JSON.stringify(fields.notes)}`) +
    '}'
  )
}
