import { describe, expect, it } from 'vitest'
import { IdList } from './id-list'
import { IngestError } from './ingest-error'
import { buildSegmentRequestBody } from './segment-request-body'

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
    const body = buildSegmentRequestBody({ title: 'All', tag: 'all' }, IdList.from(many))
    expect(body).toBe(
      `{"title":"All","tag":"all","sourceType":0,"userIds":${JSON.stringify(many)}}`,
    )
  })

  it('leaves out empty notes and defaults the source type to 0 (Ticketing ID)', () => {
    const body = buildSegmentRequestBody(
      { title: 'VIPs', tag: 'vips', notes: '  ' },
      IdList.from(['1']),
    )
    expect(JSON.parse(body)).toEqual({ title: 'VIPs', tag: 'vips', sourceType: 0, userIds: ['1'] })
  })

  it('refuses an empty list and a source type that is not a whole number', () => {
    expect(() => buildSegmentRequestBody({ title: 'a', tag: 'a' }, new IdList())).toThrow(
      IngestError,
    )
    expect(() =>
      buildSegmentRequestBody({ title: 'a', tag: 'a', sourceType: 1.5 }, IdList.from(['1'])),
    ).toThrow('The source type must be a whole number such as 0 (Ticketing ID), not 1.5.')
  })
})
