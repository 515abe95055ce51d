import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  clearHistory,
  getIdList,
  listSubmissions,
  recordPropertiesJob,
  recordSegmentSubmission,
  type SegmentSubmissionInput,
} from './history-db'

const HOUR = 3_600_000
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0)

function upload(overrides: Partial<SegmentSubmissionInput> = {}): SegmentSubmissionInput {
  const ids = overrides.ids ?? ['12345', '54321', '0056435']
  return {
    createdAt: T0,
    targetHost: 'fanpass-api.fanreachdata.io',
    tag: 'userGroup1',
    title: 'User Group 1',
    sourceType: 0,
    notes: 'Weekly refresh',
    files: [{ name: 'members.csv', size: 1_024, sha256: 'ab'.repeat(32) }],
    counts: { rowsRead: 4, uniqueIds: ids.length, removed: { duplicates: 1 } },
    outcome: {
      status: 'succeeded',
      httpStatus: 200,
      correlationId: 'corr-1',
      messages: ['Segment updated'],
      errors: [],
    },
    ids,
    ...overrides,
  }
}

function failed(overrides: Partial<SegmentSubmissionInput> = {}): SegmentSubmissionInput {
  return upload({
    outcome: {
      status: 'failed',
      httpStatus: 400,
      correlationId: 'corr-bad',
      messages: [],
      errors: ['userIds must not be empty'],
    },
    ...overrides,
  })
}

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep)
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)])
  }
  return []
}

beforeEach(async () => {
  await clearHistory()
})

describe('recording and listing submissions', () => {
  it('lists submissions newest first, whatever order they were recorded in', async () => {
    await recordSegmentSubmission(upload({ createdAt: T0 + HOUR, title: 'second' }))
    await recordSegmentSubmission(upload({ createdAt: T0, title: 'first' }))
    await recordSegmentSubmission(upload({ createdAt: T0 + 2 * HOUR, title: 'third' }))

    const titles = (await listSubmissions()).map((record) =>
      record.kind === 'segment' ? record.title : record.jobId,
    )
    expect(titles).toEqual(['third', 'second', 'first'])
  })

  it('lists a recorded submission with what the marketer submitted', async () => {
    const id = await recordSegmentSubmission(
      upload({ tag: 'vipFans', notes: 'From the box office' }),
    )

    expect(await listSubmissions()).toMatchObject([
      {
        id,
        kind: 'segment',
        tag: 'vipFans',
        notes: 'From the box office',
        status: 'succeeded',
        correlationId: 'corr-1',
        counts: { uniqueIds: 3, removed: { duplicates: 1 } },
      },
    ])
  })

  it('shows user-properties jobs in the same list', async () => {
    await recordSegmentSubmission(upload({ createdAt: T0 }))
    await recordPropertiesJob({
      createdAt: T0 + HOUR,
      targetHost: 'fanpass-api.fanreachdata.io',
      jobId: 'job-7',
      requestsPlanned: 10,
      requestsSucceeded: 9,
      requestsFailed: 1,
      usersUpdated: 4_500,
      status: 'partial',
    })

    const [newest, oldest] = await listSubmissions()
    expect(newest).toMatchObject({ kind: 'properties', jobId: 'job-7', status: 'partial' })
    expect(oldest).toMatchObject({ kind: 'segment', tag: 'userGroup1' })
  })

  it('forgets everything on clearHistory', async () => {
    const id = await recordSegmentSubmission(upload())
    await clearHistory()

    expect(await listSubmissions()).toEqual([])
    expect(await getIdList(id)).toBeNull()
  })
})

describe('kept ID lists', () => {
  it('keeps the ID list of a succeeded upload exactly, leading zeros included', async () => {
    const id = await recordSegmentSubmission(upload({ ids: ['0012345', '12345'] }))

    expect(await getIdList(id)).toEqual(['0012345', '12345'])
  })

  it('keeps no ID list for a failed upload, since the segment did not change', async () => {
    const id = await recordSegmentSubmission(failed({ ids: ['1', '2'] }))

    expect(await getIdList(id)).toBeNull()
    expect((await listSubmissions()).find((record) => record.id === id)).toMatchObject({
      status: 'failed',
      httpStatus: 400,
    })
  })

  it('keeps only the newest 5 lists of a tag, and leaves other tags alone', async () => {
    const groupIds: number[] = []
    for (let week = 0; week < 7; week += 1) {
      groupIds.push(
        await recordSegmentSubmission(
          upload({ createdAt: T0 + week * 7 * 24 * HOUR, ids: [`week-${week}`] }),
        ),
      )
    }
    const otherId = await recordSegmentSubmission(upload({ tag: 'seasonTickets', ids: ['s1'] }))

    const kept = await Promise.all(groupIds.map((id) => getIdList(id)))
    expect(kept).toEqual([null, null, ['week-2'], ['week-3'], ['week-4'], ['week-5'], ['week-6']])
    expect(await getIdList(otherId)).toEqual(['s1'])
    // The submissions themselves stay in the history; only their lists are dropped.
    expect(await listSubmissions()).toHaveLength(8)
  })

  it('prunes by upload time, so a late-recorded older upload is the one dropped', async () => {
    const ids: number[] = []
    for (let i = 1; i <= 5; i += 1) {
      ids.push(await recordSegmentSubmission(upload({ createdAt: T0 + i * HOUR, ids: [`v${i}`] })))
    }
    const older = await recordSegmentSubmission(upload({ createdAt: T0, ids: ['v0'] }))

    expect(await getIdList(older)).toBeNull()
    expect(await Promise.all(ids.map((id) => getIdList(id)))).toEqual([
      ['v1'],
      ['v2'],
      ['v3'],
      ['v4'],
      ['v5'],
    ])
  })
})

describe('secrets', () => {
  it('stores no token or authorization field, even if the caller passes one along', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.secret-token.signature'
    const withSecrets = {
      ...upload(),
      token,
      authorization: `Bearer ${token}`,
      outcome: { ...upload().outcome, headers: { Authorization: `Bearer ${token}` } },
    }
    await recordSegmentSubmission(withSecrets)

    // Read the browser's storage directly, not through the module, to see what really landed.
    const raw = new Dexie('fanpass-console')
    await raw.open()
    const stored = await Promise.all(raw.tables.map((table) => table.toArray()))
    raw.close()

    const rows: unknown[] = stored.flat()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(keysDeep(rows).filter((key) => /token|authorization/i.test(key))).toEqual([])
    expect(JSON.stringify(rows)).not.toContain('secret-token')
  })
})
