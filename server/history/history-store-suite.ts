import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ListNotKeptError,
  type AcceptedToken,
  type HistoryStore,
  type NewHistoryRecord,
} from './history-store.ts'
import { bucketLines, listInMemory } from './id-buckets.ts'

function aRecord(overrides: Partial<NewHistoryRecord> = {}): NewHistoryRecord {
  return {
    id: randomUUID(),
    scope: 'club-a',
    kind: 'segment',
    origin: 'console',
    createdAt: new Date('2026-12-01T09:12:00Z').toISOString(),
    actorName: 'Jane Doe',
    actorSub: 'jane',
    fanpassHost: 'fanpass-api.fanreachdata.io',
    tag: 'seasonTicketRenewals',
    title: 'Season ticket renewals',
    sourceType: 0,
    notes: '',
    userIdCount: 3,
    bodySha256: 'a'.repeat(64),
    correlationId: randomUUID(),
    httpStatus: 200,
    messages: ['Segment queued 3 for import'],
    errors: [],
    jobId: null,
    batchId: null,
    details: {},
    listState: 'none',
    ...overrides,
  }
}

/** The kept list as a restore reads it, in upload order. */
async function keptIds(store: HistoryStore, scope: string, recordId: string) {
  const ids: string[] = []
  for await (const chunk of store.readIdList(scope, recordId)) {
    ids.push(...bucketLines(chunk.data).map((line) => JSON.parse(line) as string))
  }
  return ids
}

async function uploadList(
  store: HistoryStore,
  ids: string[],
  overrides: Partial<NewHistoryRecord>,
) {
  const record = aRecord({ listState: 'storing', userIdCount: ids.length, ...overrides })
  await store.insertRecord(record)
  await store.storeIdList(record.id, listInMemory(ids), 10)
  return record
}

/**
 * The one suite every HistoryStore runs, so the embedded and server databases cannot drift.
 * `open` gives a store on an empty database.
 */
export function historyStoreSuite(name: string, open: () => Promise<HistoryStore>) {
  describe(`${name} history store`, () => {
    let store: HistoryStore
    beforeEach(async () => {
      store = await open()
    })
    // Each store is closed after its test: an embedded database each, all open until the end,
    // held a dozen WebAssembly PostgreSQL instances in one process and closed them all in one hook.
    afterEach(() => store.close())

    it('writes a record once, however often a spooled copy is retried', async () => {
      const record = aRecord()
      expect(await store.insertRecord(record)).toBe(true)
      expect(await store.insertRecord(record)).toBe(false)
      expect(await store.listRecords('club-a', 10)).toEqual([{ ...record, annotations: null }])
    })

    it('keeps SQL-looking and oversized values exactly as recorded, in every field and kept ID', async () => {
      const nasty = "x'); DROP TABLE history_records; --"
      const scope = `${nasty} club`
      const ids = [nasty, "'", '\\', 'i'.repeat(10_000), '😀'.repeat(500)]
      const record = aRecord({
        scope,
        actorName: "Robert'); DELETE FROM accepted_tokens;--",
        actorSub: nasty,
        fanpassHost: `${nasty}.example`,
        tag: nasty,
        title: '$1 \\ " ' + '😀'.repeat(5000),
        notes: 'n'.repeat(100_000),
        userIdCount: ids.length,
        bodySha256: nasty,
        correlationId: nasty,
        messages: [nasty, 'm'.repeat(100_000)],
        errors: ['{"json": "not parsed"}'],
        jobId: nasty,
        batchId: randomUUID(),
        details: { propertyNames: [nasty], [nasty]: nasty },
        listState: 'storing',
      })
      const annotations = {
        files: [{ name: `${nasty}.csv`, size: 1, sha256: nasty }],
        rowsRead: 3,
        removed: { [nasty]: 1 },
      }
      await store.insertRecord(record)
      await store.annotate(scope, record.id, annotations)
      await store.storeIdList(record.id, listInMemory(ids), 10)

      const [read] = await store.listRecords(scope, 10)
      expect(read).toEqual({ ...record, listState: 'kept', annotations })
      expect(await keptIds(store, scope, record.id)).toEqual(ids)
      expect(await store.listRecords('club-a', 10)).toEqual([])
    })

    it('returns the batch each record of a batch was sent in, and none for a single send', async () => {
      const batchId = randomUUID()
      const inBatch = [aRecord({ tag: 'planFull', batchId }), aRecord({ tag: 'planHalf', batchId })]
      const alone = aRecord({ tag: 'alone' })
      for (const record of [...inBatch, alone]) await store.insertRecord(record)
      const read = await store.listRecords('club-a', 10)
      expect(Object.fromEntries(read.map((record) => [record.tag, record.batchId]))).toEqual({
        planFull: batchId,
        planHalf: batchId,
        alone: null,
      })
      expect((await store.getRecord('club-a', inBatch[0]?.id ?? ''))?.batchId).toBe(batchId)
    })

    it('finds the last accepted upload of a tag by anyone in the club, never another club', async () => {
      await store.insertRecord(
        aRecord({ createdAt: '2026-12-01T09:00:00.000Z', actorName: 'Jane Doe' }),
      )
      await store.insertRecord(
        aRecord({ createdAt: '2026-12-01T10:00:00.000Z', httpStatus: 400, actorName: 'Sam' }),
      )
      await store.insertRecord(
        aRecord({ scope: 'club-b', createdAt: '2026-12-01T11:00:00.000Z', actorName: 'Other' }),
      )
      const latest = await store.latestAccepted('club-a', 'seasonTicketRenewals')
      expect(latest?.actorName).toBe('Jane Doe')
      expect(await store.latestAccepted('club-c', 'seasonTicketRenewals')).toBeNull()
      expect((await store.listRecords('club-b', 10)).map((r) => r.actorName)).toEqual(['Other'])
    })

    it('keeps the ID lists of the newest 10 versions of a tag, any character in an ID', async () => {
      const ids = ['1', '12345', 'a"b', 'line\nbreak', 'émoji😀', 'שלום']
      const first = await uploadList(store, ids, { createdAt: '2026-11-01T00:00:00.000Z' })
      expect(await keptIds(store, 'club-a', first.id)).toEqual(ids)
      await expect(keptIds(store, 'club-b', first.id)).rejects.toThrow(ListNotKeptError)
      for (let day = 2; day <= 11; day++) {
        await uploadList(store, [String(day)], {
          createdAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
        })
      }
      await expect(keptIds(store, 'club-a', first.id)).rejects.toThrow(ListNotKeptError)
      expect((await store.getRecord('club-a', first.id))?.listState).toBe('pruned')
    })

    it('never reads part of a list as a whole one when a newer upload prunes it mid-read', async () => {
      // Five chunks of 100,000 IDs: the first query reads four, the prune lands before the fifth.
      const ids = Array.from({ length: 400_001 }, (_, index) => String(index))
      const old = await uploadList(store, ids, { createdAt: '2026-11-01T00:00:00.000Z' })
      const read: string[] = []
      const reading = (async () => {
        for await (const chunk of store.readIdList('club-a', old.id)) {
          if (read.length === 0) {
            const newer = aRecord({ listState: 'storing', createdAt: '2026-11-02T00:00:00.000Z' })
            await store.insertRecord(newer)
            await store.storeIdList(newer.id, listInMemory(['fan-new']), 1)
          }
          read.push(...bucketLines(chunk.data))
        }
      })()
      await expect(reading).rejects.toThrow(ListNotKeptError)
      expect(read.length).toBeLessThan(ids.length)
      expect((await store.getRecord('club-a', old.id))?.listState).toBe('pruned')
    })

    it('reads a list of several chunks back in the order it was uploaded', async () => {
      // 250,000 IDs: three chunks, and an order no hash or sort would give back.
      const ids = Array.from({ length: 250_000 }, (_, index) => `fan-${(index * 7919) % 250_000}`)
      const record = await uploadList(store, ids, {})
      expect(await keptIds(store, 'club-a', record.id)).toEqual(ids)
    })

    it('storing the same list twice after a crash keeps it once', async () => {
      const record = aRecord({ listState: 'storing' })
      await store.insertRecord(record)
      await store.storeIdList(record.id, listInMemory(['1', '2']), 10)
      await store.storeIdList(record.id, listInMemory(['1', '2']), 10)
      expect(await keptIds(store, 'club-a', record.id)).toEqual(['1', '2'])
    })

    it('names the lists still being stored, and marks one lost without touching a kept one', async () => {
      const storing = aRecord({ listState: 'storing', userIdCount: 2 })
      await store.insertRecord(storing)
      const kept = await uploadList(store, ['1'], {})
      expect(await store.listsBeingStored()).toEqual([
        { id: storing.id, userIdCount: 2, createdAt: storing.createdAt },
      ])
      await store.markListLost(storing.id)
      await store.markListLost(kept.id)
      expect((await store.getRecord('club-a', storing.id))?.listState).toBe('lost')
      expect((await store.getRecord('club-a', kept.id))?.listState).toBe('kept')
      expect(await store.listsBeingStored()).toEqual([])
    })

    it('finds a fan in the kept versions of each tag, with the versions without them', async () => {
      const early = await uploadList(store, ['fan-1', 'fan-2'], {
        createdAt: '2026-11-01T00:00:00.000Z',
      })
      const late = await uploadList(store, ['fan-2'], { createdAt: '2026-11-08T00:00:00.000Z' })
      await uploadList(store, ['fan-3'], { tag: 'vips', createdAt: '2026-11-02T00:00:00.000Z' })
      await uploadList(store, ['fan-1'], { scope: 'club-b' })
      const found = await store.findFan('club-a', 'fan-1')
      expect(found.map((v) => [v.recordId, v.containsId])).toEqual([
        [early.id, true],
        [late.id, false],
      ])
      expect(await store.findFan('club-a', 'nobody')).toEqual([])
    })

    it('finds a fan in the first and third versions of a tag but not the second', async () => {
      const v1 = await uploadList(store, ['fan-1', 'fan-2'], {
        createdAt: '2026-11-01T00:00:00.000Z',
      })
      const v2 = await uploadList(store, ['fan-2'], { createdAt: '2026-11-02T00:00:00.000Z' })
      const v3 = await uploadList(store, ['fan-1'], {
        createdAt: '2026-11-03T00:00:00.000Z',
        actorName: 'Sam',
      })
      const found = await store.findFan('club-a', 'fan-1')
      expect(found.map((v) => [v.recordId, v.containsId])).toEqual([
        [v1.id, true],
        [v2.id, false],
        [v3.id, true],
      ])
      expect(found[2]).toEqual({
        recordId: v3.id,
        tag: 'seasonTicketRenewals',
        title: 'Season ticket renewals',
        createdAt: '2026-11-03T00:00:00.000Z',
        actorName: 'Sam',
        idCount: 1,
        containsId: true,
      })
    })

    it('finds a fan in every tag that holds them, and no tag that does not', async () => {
      const renewals = await uploadList(store, ['fan-1'], { createdAt: '2026-11-01T00:00:00.000Z' })
      const vips = await uploadList(store, ['fan-1', 'fan-9'], {
        tag: 'vipList',
        createdAt: '2026-11-02T00:00:00.000Z',
      })
      await uploadList(store, ['fan-9'], { tag: 'lapsed', createdAt: '2026-11-03T00:00:00.000Z' })
      const found = await store.findFan('club-a', 'fan-1')
      expect(found.map((v) => [v.tag, v.recordId, v.containsId])).toEqual([
        ['seasonTicketRenewals', renewals.id, true],
        ['vipList', vips.id, true],
      ])
    })

    it('finds no one when the ID is in no kept version, even one that is only a prefix', async () => {
      await uploadList(store, ['fan-10', 'FAN-1', ' fan-1'], {})
      expect(await store.findFan('club-a', 'fan-1')).toEqual([])
      expect(await store.findFan('club-a', '')).toEqual([])
    })

    it('never returns a pruned version, nor a version whose list is not kept', async () => {
      const first = await uploadList(store, ['fan-1'], { createdAt: '2026-11-01T00:00:00.000Z' })
      for (let day = 2; day <= 11; day++) {
        await uploadList(store, ['fan-2'], {
          createdAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
        })
      }
      await store.insertRecord(aRecord({ createdAt: '2026-11-12T00:00:00.000Z' }))
      expect((await store.getRecord('club-a', first.id))?.listState).toBe('pruned')
      expect(await store.findFan('club-a', 'fan-1')).toEqual([])
      const found = await store.findFan('club-a', 'fan-2')
      expect(found).toHaveLength(10)
      expect(found.every((v) => v.containsId && v.recordId !== first.id)).toBe(true)
    })

    it("never returns another club's versions, even of the same tag", async () => {
      const ours = await uploadList(store, ['fan-1'], { createdAt: '2026-11-01T00:00:00.000Z' })
      await uploadList(store, ['fan-1'], { scope: 'club-b', createdAt: '2026-11-02T00:00:00.000Z' })
      await uploadList(store, ['fan-2'], { scope: 'club-b', createdAt: '2026-11-03T00:00:00.000Z' })
      await uploadList(store, ['fan-1'], {
        scope: 'club-b',
        tag: 'vipList',
        createdAt: '2026-11-04T00:00:00.000Z',
      })
      const found = await store.findFan('club-a', 'fan-1')
      expect(found.map((v) => [v.recordId, v.containsId])).toEqual([[ours.id, true]])
      expect(await store.findFan('club-c', 'fan-1')).toEqual([])
    })

    const production = 'https://fanpass-api.fanreachdata.io'
    const grant = (overrides: Partial<AcceptedToken> = {}): AcceptedToken => ({
      tokenSha256: 'f'.repeat(64),
      fanpassHost: production,
      scope: `${production}|s:club-a`,
      acceptedAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
      ...overrides,
    })
    const anHourAgo = () => new Date(Date.now() - 3_600_000)

    it('knows an accepted token hash until it expires, for its club only', async () => {
      const hash = 'f'.repeat(64)
      await store.rememberToken(grant())
      expect(await store.tokenScope(hash, production, new Date(), anHourAgo())).toBe(
        `${production}|s:club-a`,
      )
      const later = new Date(Date.now() + 120_000)
      expect(await store.tokenScope(hash, production, later, anHourAgo())).toBeNull()
      expect(await store.tokenScope('e'.repeat(64), production, new Date(), anHourAgo())).toBeNull()
    })

    it('grants a token only on the FanPass host that accepted it', async () => {
      await store.rememberToken(grant({ fanpassHost: 'sandbox', scope: 'sandbox|' }))
      const hash = 'f'.repeat(64)
      expect(await store.tokenScope(hash, production, new Date(), anHourAgo())).toBeNull()
      expect(await store.tokenScope(hash, 'sandbox', new Date(), anHourAgo())).toBe('sandbox|')
      // The same token accepted by the real host too: each host keeps its own grant.
      await store.rememberToken(grant())
      expect(await store.tokenScope(hash, production, new Date(), anHourAgo())).toBe(
        `${production}|s:club-a`,
      )
      expect(await store.tokenScope(hash, 'sandbox', new Date(), anHourAgo())).toBe('sandbox|')
    })

    it('ends a grant accepted before the grant window, however far its exp is', async () => {
      const hash = 'f'.repeat(64)
      await store.rememberToken(
        grant({
          acceptedAt: new Date(Date.now() - 13 * 3_600_000),
          expiresAt: new Date(Date.now() + 365 * 24 * 3_600_000),
        }),
      )
      const twelveHoursAgo = new Date(Date.now() - 12 * 3_600_000)
      expect(await store.tokenScope(hash, production, new Date(), twelveHoursAgo)).toBeNull()
      // Accepted again: the window starts over.
      await store.rememberToken(grant({ acceptedAt: new Date() }))
      expect(await store.tokenScope(hash, production, new Date(), twelveHoursAgo)).not.toBeNull()
    })

    it("reads only the records of the scope's FanPass host, never the same club's on another", async () => {
      const real = await uploadList(store, ['fan-1'], { scope: `${production}|s:club-a` })
      const sandboxed = await uploadList(store, ['fan-1'], {
        scope: 'sandbox|s:club-a',
        fanpassHost: '127.0.0.1:4010',
      })
      const realScope = `${production}|s:club-a`
      expect((await store.listRecords(realScope, 10)).map((r) => r.id)).toEqual([real.id])
      expect(await store.getRecord(realScope, sandboxed.id)).toBeNull()
      expect((await store.latestAccepted(realScope, real.tag ?? ''))?.id).toBe(real.id)
      await expect(keptIds(store, realScope, sandboxed.id)).rejects.toThrow(ListNotKeptError)
      expect((await store.findFan(realScope, 'fan-1')).map((v) => v.recordId)).toEqual([real.id])
      expect((await store.findFan('sandbox|s:club-a', 'fan-1')).map((v) => v.recordId)).toEqual([
        sandboxed.id,
      ])
    })

    it('lets exactly one of concurrent sends claim a tag, and tells the others who holds it', async () => {
      const claims = ['Jane Doe', 'Sam Roe', 'Jo Park', 'Ola'].map((actorName) => ({
        scope: 'club-a',
        tag: 'vip',
        claimId: randomUUID(),
        actorName,
      }))
      const answers = await Promise.all(claims.map((claim) => store.claimTag(claim, 60_000)))
      const winner = claims[answers.findIndex((answer) => answer.taken)]
      expect(answers.filter((answer) => answer.taken)).toHaveLength(1)
      expect(answers.filter((answer) => !answer.taken)).toEqual(
        Array.from({ length: 3 }, () => ({ taken: false, heldBy: winner?.actorName })),
      )
      // Another tag, or the same tag in another club, is free.
      const other = { scope: 'club-a', tag: 'gold', claimId: randomUUID(), actorName: null }
      expect(await store.claimTag(other, 60_000)).toEqual({ taken: true })
      expect(
        await store.claimTag({ ...other, scope: 'club-b', claimId: randomUUID() }, 60_000),
      ).toEqual({ taken: true })
    })

    it('hands a tag over once its claim is released or has lapsed, never while it is renewed', async () => {
      const first = { scope: 'club-a', tag: 'vip', claimId: randomUUID(), actorName: 'Sam Roe' }
      const next = { ...first, claimId: randomUUID(), actorName: 'Jo Park' }
      await store.claimTag(first, 60_000)
      expect(await store.renewTagClaim(first.claimId, 60_000)).toBe(true)
      expect(await store.claimTag(next, 60_000)).toEqual({ taken: false, heldBy: 'Sam Roe' })
      await store.releaseTagClaim(first.claimId)
      expect(await store.claimTag(next, 1)).toEqual({ taken: true })

      // Jo's console was killed: after the claim's lifetime the next send takes the tag over.
      await new Promise((resolve) => setTimeout(resolve, 20))
      const third = { ...first, claimId: randomUUID() }
      expect(await store.claimTag(third, 60_000)).toEqual({ taken: true })
      expect(await store.renewTagClaim(next.claimId, 60_000)).toBe(false)
    })
  })
}
