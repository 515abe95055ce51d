import { describe, expect, it } from 'vitest'
import type { TeamRecord } from '../../../lib/team-history-record'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { describeTagSizes, historyCsvFileName, summariseTagSizes } from './summarise-tag-sizes'

const HOUR = 3_600_000
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0)

function segment(
  tag: string,
  createdAt: number,
  userIdCount: number,
  overrides: Partial<TeamRecord> = {},
): TeamRecord {
  return aTeamRecord({
    tag,
    title: `${tag} title`,
    createdAt: new Date(createdAt).toISOString(),
    userIdCount,
    ...overrides,
  })
}

describe('summariseTagSizes', () => {
  it('builds one oldest-first series per tag from accepted uploads only', () => {
    const records: TeamRecord[] = [
      segment('userGroup1', T0 + 2 * HOUR, 10, { httpStatus: 400 }),
      segment('userGroup1', T0 + HOUR, 48_120, { title: 'Renamed group' }),
      segment('vip', T0 + 30 * 60_000, 300),
      segment('userGroup1', T0, 48_000),
      segment('userGroup1', T0 + 4 * HOUR, 5, { httpStatus: null }),
      aTeamRecord({
        kind: 'properties-job',
        tag: null,
        createdAt: new Date(T0 + 3 * HOUR).toISOString(),
      }),
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
    expect(summariseTagSizes([segment('a', T0, 1, { httpStatus: 503 })])).toEqual([])
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
