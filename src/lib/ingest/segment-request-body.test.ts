import { describe, expect, it } from 'vitest'
import { IngestError } from './ingest-error'
import { buildSegmentRequestBody } from './segment-request-body'

describe('buildSegmentRequestBody', () => {
  it('is exactly the JSON of the segment request, IDs as strings with their zeros', () => {
    const body = buildSegmentRequestBody(
      { title: 'Season "26" renewals', tag: 'renewals26', sourceType: 0, notes: 'Batch 7 — Å' },
      ['0012', '12', 'A\\B'],
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

  it('leaves out empty notes and defaults the source type to 0 (Ticketing ID)', () => {
    const body = buildSegmentRequestBody({ title: 'VIPs', tag: 'vips', notes: '  ' }, ['1'])
    expect(JSON.parse(body)).toEqual({ title: 'VIPs', tag: 'vips', sourceType: 0, userIds: ['1'] })
  })

  it('refuses an empty list and a source type that is not a whole number', () => {
    expect(() => buildSegmentRequestBody({ title: 'a', tag: 'a' }, [])).toThrow(IngestError)
    expect(() => buildSegmentRequestBody({ title: 'a', tag: 'a', sourceType: 1.5 }, ['1'])).toThrow(
      'The source type must be a whole number such as 0 (Ticketing ID), not 1.5.',
    )
  })
})
