import { describe, expect, it } from 'vitest'
import { IdList } from '../../../lib/ingest/id-list'
import { segmentFieldsSchema } from '../api/replace-segment'
import { buildSegmentRequestBlob, buildSegmentRequestBody } from './segment-request-body'

describe('buildSegmentRequestBody', () => {
  it('is exactly the JSON of the segment request, IDs as strings with their zeros', () => {
    const body = buildSegmentRequestBody(
      { title: 'Season "26" renewals', tag: 'renewals26', sourceType: 0, notes: 'Batch 7 — Å' },
      IdList.from(['0012', '12', 'A\\B']),
    )
    expect(JSON.parse(body)).toEqual({
      title: 'Season "26" renewals',
      tag: 'renewals26',
      sourceType: 0,
      userIds: ['0012', '12', 'A\\B'],
      notes: 'Batch 7 — Å',
    })
    expect(body).toBe(
      '{"title":"Season \\"26\\" renewals","tag":"renewals26","sourceType":0,"userIds":["0012","12","A\\\\B"],"notes":"Batch 7 — Å"}',
    )
  })

  it('builds the same JSON for a list longer than one slice of IDs', () => {
    const many = Array.from({ length: 250_001 }, (_, i) => (i % 2 === 0 ? String(i) : `x${i}`))
    const body = buildSegmentRequestBody(
      { title: 'All', tag: 'all', sourceType: 0, notes: '' },
      IdList.from(many),
    )
    expect(body).toBe(
      `{"title":"All","tag":"all","sourceType":0,"userIds":${JSON.stringify(many)}}`,
    )
  })

  it('sends the fields as the form schema gives them: trimmed, and without blank notes', () => {
    const fields = segmentFieldsSchema.parse({
      title: ' VIPs ',
      tag: 'vips ',
      sourceType: 0,
      notes: '  ',
    })
    const body = buildSegmentRequestBody(fields, IdList.from(['1']))
    expect(body).toBe('{"title":"VIPs","tag":"vips","sourceType":0,"userIds":["1"]}')
  })
})

describe('buildSegmentRequestBlob', () => {
  it('holds exactly the bytes of the text body, UTF-8 encoded, over several slices of IDs', async () => {
    const many = Array.from({ length: 100_001 }, (_, i) => (i % 3 === 0 ? `Å${i}` : String(i)))
    const fields = {
      title: 'Season "26"',
      tag: 'renewals26',
      sourceType: 0,
      notes: 'Batch — 7',
    } as const
    const blob = buildSegmentRequestBlob(fields, IdList.from(many))
    const text = buildSegmentRequestBody(fields, IdList.from(many))
    expect(blob.type).toBe('application/json')
    expect(blob.size).toBe(new TextEncoder().encode(text).length)
    expect(await blob.text()).toBe(text)
    expect(JSON.parse(await blob.text())).toMatchObject({ userIds: many, notes: 'Batch — 7' })
  })

  it('counts bytes, not characters: Å is two', () => {
    const blob = buildSegmentRequestBlob(
      { title: 'Å', tag: 'a', sourceType: 0, notes: '' },
      IdList.from(['1']),
    )
    expect(blob.size).toBe(55)
  })

  it('sends an empty list as an empty array', async () => {
    const blob = buildSegmentRequestBlob(
      { title: 'T', tag: 't', sourceType: 0, notes: '' },
      IdList.from([]),
    )
    expect(await blob.text()).toBe('{"title":"T","tag":"t","sourceType":0,"userIds":[]}')
  })
})
