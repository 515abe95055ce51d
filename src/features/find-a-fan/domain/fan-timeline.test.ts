import { describe, expect, it } from 'vitest'
import { describeTag, fanTimelines, formatUploadTime, type FanVersion } from './fan-timeline'

const utc = { timeZone: 'UTC' }

let next = 0
function aVersion(overrides: Partial<FanVersion> = {}): FanVersion {
  next += 1
  return {
    recordId: `record-${String(next).padStart(3, '0')}`,
    tag: 'seasonTicketRenewals',
    title: 'Season ticket renewals',
    createdAt: '2026-12-01T09:12:00.000Z',
    actorName: 'Jane Doe',
    idCount: 3,
    containsId: true,
    ...overrides,
  }
}

describe('formatUploadTime', () => {
  it('writes the day, month and time of day', () => {
    expect(formatUploadTime('2026-12-01T09:12:00.000Z', utc)).toBe('1 Dec, 09:12')
  })
})

describe('describeTag', () => {
  it('names the upload that put the fan back in, when they are in the newest version', () => {
    const versions = [
      aVersion({ createdAt: '2026-12-01T09:12:00.000Z' }),
      aVersion({ createdAt: '2026-12-02T10:00:00.000Z', containsId: false }),
      aVersion({ createdAt: '2026-12-03T11:30:00.000Z', actorName: 'Sam' }),
      aVersion({ createdAt: '2026-12-04T08:05:00.000Z', actorName: 'Ada' }),
    ]
    expect(describeTag('seasonTicketRenewals', versions, utc)).toBe(
      "In seasonTicketRenewals since Sam's upload of 3 Dec, 11:30.",
    )
  })

  it('names the upload that took the fan out, when they are not in the newest version', () => {
    const versions = [
      aVersion({ createdAt: '2026-12-01T09:12:00.000Z' }),
      aVersion({ createdAt: '2026-12-02T10:00:00.000Z', actorName: 'Sam', containsId: false }),
      aVersion({ createdAt: '2026-12-03T11:30:00.000Z', containsId: false }),
    ]
    expect(describeTag('vipList', versions, utc)).toBe(
      "Left vipList with Sam's upload of 2 Dec, 10:00.",
    )
  })

  it('says the fan has been in every kept version, however many', () => {
    expect(describeTag('vipList', [aVersion(), aVersion(), aVersion()], utc)).toBe(
      'In all 3 kept versions of vipList.',
    )
    expect(describeTag('vipList', [aVersion()], utc)).toBe(
      "In the only kept version of vipList, Jane Doe's upload of 1 Dec, 09:12.",
    )
  })

  it('writes an upload without a name on its token as "the upload"', () => {
    const versions = [aVersion({ containsId: false }), aVersion({ actorName: null })]
    expect(describeTag('vipList', versions, utc)).toBe(
      'In vipList since the upload of 1 Dec, 09:12.',
    )
  })

  it('says so when the fan is in none of the versions', () => {
    expect(describeTag('vipList', [aVersion({ containsId: false })], utc)).toBe(
      'Not in any kept version of vipList.',
    )
  })
})

describe('fanTimelines', () => {
  it('groups versions per tag, newest first, the tag changed last first', () => {
    const renewalsOld = aVersion({ createdAt: '2026-12-01T09:12:00.000Z' })
    const renewalsNew = aVersion({ createdAt: '2026-12-05T09:12:00.000Z', title: 'Renewals' })
    const vip = aVersion({ tag: 'vipList', createdAt: '2026-12-03T09:12:00.000Z' })
    const timelines = fanTimelines([renewalsOld, vip, renewalsNew], utc)
    expect(timelines.map((t) => [t.tag, t.title, t.versions.map((v) => v.recordId)])).toEqual([
      ['seasonTicketRenewals', 'Renewals', [renewalsNew.recordId, renewalsOld.recordId]],
      ['vipList', 'Season ticket renewals', [vip.recordId]],
    ])
    expect(timelines[0]?.summary).toBe('In all 2 kept versions of seasonTicketRenewals.')
  })

  it('gives nothing for no versions', () => {
    expect(fanTimelines([])).toEqual([])
  })
})
