import { describe, expect, it } from 'vitest'
import { historyRecordSchema } from './history'

const record = {
  id: '00000000-0000-4000-8000-000000000001',
  scope: 'https://fanpass-api.fanreachdata.io|s:lions',
  kind: 'segment',
  origin: 'console',
  createdAt: '2026-12-01T10:02:00.000Z',
  actorName: 'Jane Doe',
  actorSub: 'jane',
  fanpassHost: 'fanpass-api.fanreachdata.io',
  tag: 'planFullSeason',
  title: 'Plan: Full Season',
  sourceType: 0,
  notes: null,
  userIdCount: 3,
  bodySha256: null,
  correlationId: 'corr-1',
  httpStatus: 200,
  messages: [],
  errors: [],
  jobId: null,
  batchId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  details: {},
  listState: 'kept',
  annotations: null,
}

describe('a history record as the page reads it', () => {
  it('names the batch it was sent in, or none', () => {
    expect(historyRecordSchema.parse(record).batchId).toBe(record.batchId)
    expect(historyRecordSchema.parse({ ...record, batchId: null }).batchId).toBeNull()
  })

  it('is refused without a batch field: a server that does not say cannot be shown as a batch', () => {
    const withoutBatch: Record<string, unknown> = { ...record }
    delete withoutBatch.batchId
    expect(historyRecordSchema.safeParse(withoutBatch).success).toBe(false)
  })
})
