import { expect, it } from 'vitest'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { historyEntries } from './history-batches'

const BATCH = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

it('gathers a batch’s records at its newest, counting a retried tag once, and leaves the others in time order', () => {
  const records = [
    aTeamRecord({
      id: 'retry',
      tag: 'planFlex',
      batchId: BATCH,
      createdAt: '2026-12-06T10:05:00Z',
    }),
    aTeamRecord({ id: 'alone', tag: 'vip', createdAt: '2026-12-06T10:04:00Z' }),
    aTeamRecord({ id: 'flex', tag: 'planFlex', batchId: BATCH, createdAt: '2026-12-06T10:03:00Z' }),
    aTeamRecord({ id: 'full', tag: 'planFull', batchId: BATCH, createdAt: '2026-12-06T10:02:00Z' }),
    aTeamRecord({ id: 'older', tag: 'vip', createdAt: '2026-12-05T09:00:00Z' }),
  ]

  const entries = historyEntries(records)

  expect(
    entries.map((entry) =>
      entry.kind === 'record'
        ? entry.record.id
        : {
            records: entry.records.map((record) => record.id),
            segments: entry.segmentCount,
            startedAt: entry.startedAt,
          },
    ),
  ).toEqual([
    { records: ['retry', 'flex', 'full'], segments: 2, startedAt: '2026-12-06T10:02:00Z' },
    'alone',
    'older',
  ])
})
