import { describe, expect, it } from 'vitest'
import type { SegmentSubmissionRecord, SubmissionRecord } from '../../../lib/history/history-db'
import { describeTagSizes, historyCsvFileName, summariseTagSizes } from './summarise-tag-sizes'

const HOUR = 3_600_000
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0)
let nextId = 1

function segment(
  tag: string,
  createdAt: number,
  uniqueIds: number,
  overrides: Partial<SegmentSubmissionRecord> = {},
): SegmentSubmissionRecord {
  return {
    id: nextId++,
    kind: 'segment',
    createdAt,
    targetHost: 'fanpass-api.fanreachdata.io',
    tag,
    title: `${tag} title`,
    sourceType: 0,
    notes: '',
    files: [],
    counts: { rowsRead: uniqueIds, uniqueIds, removed: {} },
    status: 'succeeded',
    httpStatus: 200,
    correlationId: null,
    messages: [],
    errors: [],
    ...overrides,
  }
}

describe('summariseTagSizes', () => {
  it('builds one oldest-first series per tag from succeeded uploads only', () => {
    const records: SubmissionRecord[] = [
      segment('userGroup1', T0 + 2 * HOUR, 10, { status: 'failed' }),
      segment('userGroup1', T0 + HOUR, 48_120, { title: 'Renamed group' }),
      segment('vip', T0 + 30 * 60_000, 300),
      segment('userGroup1', T0, 48_000),
      {
        id: nextId++,
        kind: 'properties',
        createdAt: T0 + 3 * HOUR,
        targetHost: 'x',
        jobId: 'job-1',
        requestsPlanned: 1,
        requestsSucceeded: 1,
        requestsFailed: 0,
        usersUpdated: 5,
        status: 'succeeded',
      },
    ]

    expect(summariseTagSizes(records)).toEqual([
      {
        tag: 'userGroup1',
        title: 'Renamed group',
        points: [
          { createdAt: T0, size: 48_000 },
          { createdAt: T0 + HOUR, size: 48_120 },
        ],
      },
      { tag: 'vip', title: 'vip title', points: [{ createdAt: T0 + 30 * 60_000, size: 300 }] },
    ])
  })

  it('gives no series when nothing was accepted', () => {
    expect(summariseTagSizes([segment('a', T0, 1, { status: 'failed' })])).toEqual([])
  })
})

describe('describeTagSizes', () => {
  it('names the tag, the number of uploads and the latest size', () => {
    expect(
      describeTagSizes({
        tag: 'userGroup1',
        title: '',
        points: [
          { createdAt: T0, size: 47_000 },
          { createdAt: T0 + HOUR, size: 47_500 },
          { createdAt: T0 + 2 * HOUR, size: 48_120 },
        ],
      }),
    ).toBe('userGroup1 size over time: 3 uploads, latest 48,120 IDs')
    expect(describeTagSizes({ tag: 'vip', title: '', points: [{ createdAt: T0, size: 1 }] })).toBe(
      'vip size over time: 1 upload, latest 1 ID',
    )
  })
})

describe('formatting', () => {
  it('names the export after the local day, zero-padded', () => {
    expect(historyCsvFileName(new Date(2025, 2, 4, 23, 59))).toBe('fanpass-history-2025-03-04.csv')
  })
})
