import type { TeamRecord } from '../team-history-record'

/** An accepted segment upload by Jane Doe, with its list kept; override what a test is about. */
export function aTeamRecord(overrides: Partial<TeamRecord> = {}): TeamRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'segment',
    scope: '',
    origin: 'console',
    createdAt: '2026-12-01T09:12:00.000Z',
    actorName: 'Jane Doe',
    actorSub: 'jane',
    fanpassHost: 'fanpass-api.fanreachdata.io',
    tag: 'vip',
    title: 'VIP',
    sourceType: 0,
    notes: 'week 48',
    userIdCount: 48_120,
    bodySha256: null,
    correlationId: 'corr-1',
    httpStatus: 200,
    messages: ['Segment VIP queued 48120 for import'],
    errors: [],
    jobId: null,
    batchId: null,
    details: {},
    annotations: null,
    listState: 'kept',
    ...overrides,
  }
}
