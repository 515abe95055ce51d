import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import Papa from 'papaparse'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  clearHistory,
  exportHistoryCsv,
  getIdList,
  getLatestSucceededSegment,
  getSubmission,
  listRestorableSubmissionIds,
  listSubmissions,
  listTagSizes,
  recordPropertiesJob,
  recordSegmentSubmission,
  type SegmentSubmissionInput,
  type SegmentSubmissionRecord,
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

  it('returns a recorded submission by id with what the marketer submitted', async () => {
    const id = await recordSegmentSubmission(
      upload({ tag: 'vipFans', notes: 'From the box office' }),
    )

    expect(await getSubmission(id)).toMatchObject({
      id,
      kind: 'segment',
      tag: 'vipFans',
      notes: 'From the box office',
      status: 'succeeded',
      correlationId: 'corr-1',
      counts: { uniqueIds: 3, removed: { duplicates: 1 } },
    })
    expect(await getSubmission(id + 1000)).toBeUndefined()
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
    expect(await listRestorableSubmissionIds()).toEqual([id])
  })

  it('keeps no ID list for a failed upload, since the segment did not change', async () => {
    const id = await recordSegmentSubmission(failed({ ids: ['1', '2'] }))

    expect(await getIdList(id)).toBeNull()
    expect(await listRestorableSubmissionIds()).toEqual([])
    expect(await getSubmission(id)).toMatchObject({ status: 'failed', httpStatus: 400 })
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
    expect((await listRestorableSubmissionIds()).sort((a, b) => a - b)).toEqual(
      [...groupIds.slice(2), otherId].sort((a, b) => a - b),
    )
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

describe('getLatestSucceededSegment', () => {
  it('ignores a later failed upload and returns the last one FanPass accepted', async () => {
    const good = await recordSegmentSubmission(upload({ createdAt: T0, ids: ['a', 'b'] }))
    await recordSegmentSubmission(failed({ createdAt: T0 + HOUR, ids: ['c'] }))

    const latest = await getLatestSucceededSegment('userGroup1')
    expect(latest?.submission.id).toBe(good)
    expect(latest?.ids).toEqual(['a', 'b'])
  })

  it('picks the newest succeeded upload of that tag only', async () => {
    await recordSegmentSubmission(upload({ createdAt: T0, ids: ['old'] }))
    await recordSegmentSubmission(upload({ createdAt: T0 + HOUR, ids: ['new'] }))
    await recordSegmentSubmission(upload({ createdAt: T0 + 2 * HOUR, tag: 'other', ids: ['x'] }))

    expect((await getLatestSucceededSegment('userGroup1'))?.ids).toEqual(['new'])
  })

  it('returns null for a tag never uploaded successfully', async () => {
    await recordSegmentSubmission(failed({ tag: 'neverOk' }))

    expect(await getLatestSucceededSegment('neverOk')).toBeNull()
    expect(await getLatestSucceededSegment('unknown')).toBeNull()
  })

  it('returns null rather than an older list when the newest success kept no IDs', async () => {
    await recordSegmentSubmission(upload({ createdAt: T0, ids: ['old'] }))
    await recordSegmentSubmission(upload({ createdAt: T0 + HOUR, ids: null }))

    expect(await getLatestSucceededSegment('userGroup1')).toBeNull()
  })
})

describe('listTagSizes', () => {
  it('gives the size after each succeeded upload of the tag, oldest first', async () => {
    await recordSegmentSubmission(upload({ createdAt: T0 + HOUR, ids: ['1', '2', '3'] }))
    await recordSegmentSubmission(upload({ createdAt: T0, ids: ['1'] }))
    await recordSegmentSubmission(failed({ createdAt: T0 + 2 * HOUR }))
    await recordSegmentSubmission(upload({ createdAt: T0, tag: 'other', ids: ['1', '2'] }))

    expect(await listTagSizes('userGroup1')).toEqual([
      { createdAt: T0, size: 1 },
      { createdAt: T0 + HOUR, size: 3 },
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

describe('exportHistoryCsv', () => {
  function segmentRecord(
    overrides: Partial<SegmentSubmissionRecord> = {},
  ): SegmentSubmissionRecord {
    return {
      id: 1,
      kind: 'segment',
      createdAt: T0,
      targetHost: 'fanpass-api.fanreachdata.io',
      tag: 'userGroup1',
      title: 'User Group 1',
      sourceType: 0,
      notes: '',
      files: [
        { name: 'a.csv', size: 10, sha256: null },
        { name: 'b.csv', size: 20, sha256: null },
      ],
      counts: { rowsRead: 5, uniqueIds: 48_120, removed: {} },
      status: 'succeeded',
      httpStatus: 200,
      correlationId: 'corr-1',
      messages: ['Segment updated', 'Replaced 48120 members'],
      errors: [],
      ...overrides,
    }
  }

  it('writes a header and one CRLF-terminated line per record, in the given order', () => {
    const csv = exportHistoryCsv([segmentRecord()])

    expect(csv.split('\r\n')).toEqual([
      'time,kind,target host,tag,title,source type,notes,files,unique IDs,status,HTTP status,correlationId,messages,errors',
      '2025-03-03T09:00:00.000Z,segment,fanpass-api.fanreachdata.io,userGroup1,User Group 1,0,,a.csv;b.csv,48120,succeeded,200,corr-1,Segment updated; Replaced 48120 members,',
      '',
    ])
  })

  it('quotes commas, quotes and line breaks per RFC 4180', () => {
    const notes = 'Season 24, "gold" members\nfrom box office'
    const csv = exportHistoryCsv([segmentRecord({ notes })])

    expect(csv).toContain('"Season 24, ""gold"" members\nfrom box office"')
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { header: false })
    expect(parsed.data[1]?.[6]).toBe(notes)
  })

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = exportHistoryCsv([
      segmentRecord({
        title: '=HYPERLINK("http://evil.example","click")',
        notes: '+SUM(1,2)',
        tag: '@cmd',
        correlationId: '-2+3',
        messages: ['\tTabbed'],
        errors: ['\rReturn'],
      }),
    ])

    const cells = Papa.parse<string[]>(csv.trimEnd(), { header: false }).data[1]
    expect(cells?.[3]).toBe("'@cmd")
    expect(cells?.[4]).toBe('\'=HYPERLINK("http://evil.example","click")')
    expect(cells?.[6]).toBe("'+SUM(1,2)")
    expect(cells?.[11]).toBe("'-2+3")
    expect(cells?.[12]).toBe("'\tTabbed")
    expect(cells?.[13]).toBe("'\rReturn")
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"')
  })

  it('summarises a user-properties job on its own row', () => {
    const csv = exportHistoryCsv([
      {
        id: 2,
        kind: 'properties',
        createdAt: T0,
        targetHost: 'sandbox.local',
        jobId: 'job-7',
        requestsPlanned: 10,
        requestsSucceeded: 9,
        requestsFailed: 1,
        usersUpdated: 4_500,
        status: 'partial',
      },
    ])

    const cells = Papa.parse<string[]>(csv.trimEnd(), { header: false }).data[1]
    expect(cells).toEqual([
      '2025-03-03T09:00:00.000Z',
      'properties',
      'sandbox.local',
      '',
      '',
      '',
      '',
      '',
      '4500',
      'partial',
      '',
      '',
      'Job job-7: 9 of 10 requests succeeded, 1 failed',
      '',
    ])
  })
})
