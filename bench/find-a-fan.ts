// Find a fan over a team history holding 10 kept versions of a tag, each of 1,000,000 IDs
// (10,000 in the smoke run: each of its 256 hashed buckets still holds IDs in every version, and
// it takes a fifth of the time), in the embedded database the console uses by default.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewHistoryRecord } from '../server/history/history-store.ts'
import { listInMemory } from '../server/history/id-buckets.ts'
import { openHistoryStore } from '../server/history/open-history.ts'
import { currentLoad, formatMs, median, type SectionResult } from './report.ts'

const VERSIONS = 10
const SCOPE = 'bench-club'

function version(index: number, idCount: number): NewHistoryRecord {
  return {
    id: randomUUID(),
    scope: SCOPE,
    kind: 'segment',
    origin: 'console',
    createdAt: new Date(Date.UTC(2026, 10, 1 + index)).toISOString(),
    actorName: 'Bench Marketer',
    actorSub: 'bench',
    fanpassHost: 'sandbox',
    tag: 'seasonTicketRenewals',
    title: 'Season ticket renewals',
    sourceType: 0,
    notes: null,
    userIdCount: idCount,
    bodySha256: null,
    correlationId: null,
    httpStatus: 200,
    messages: [],
    errors: [],
    jobId: null,
    batchId: null,
    details: {},
    listState: 'storing',
  }
}

export async function measureFindAFan(smoke: boolean): Promise<SectionResult> {
  const load = currentLoad()
  const idCount = smoke ? 10_000 : 1_000_000
  const dataDir = mkdtempSync(join(tmpdir(), 'fanpass-bench-find-'))
  const handle = openHistoryStore(dataDir, undefined)
  try {
    const store = await handle.get()
    const storeMs: number[] = []
    for (let index = 0; index < VERSIONS; index++) {
      // Each week a tenth of the members change; 'fan-7' is in the even weeks only.
      const ids = Array.from({ length: idCount }, (_, n) => `fan-${n + index * (idCount / 10)}`)
      if (index % 2 === 0 && !ids.includes('fan-7')) ids.push('fan-7')
      const record = version(index, ids.length)
      await store.insertRecord(record)
      const began = performance.now()
      await store.storeIdList(record.id, listInMemory(ids), VERSIONS)
      storeMs.push(performance.now() - began)
    }
    const timed = async (userId: string) => {
      const runs: number[] = []
      let found = 0
      for (let run = 0; run < 5; run++) {
        const began = performance.now()
        const versions = await store.findFan(SCOPE, userId)
        runs.push(performance.now() - began)
        found = versions.filter((entry) => entry.containsId).length
      }
      return { ms: median(runs), found }
    }
    const present = await timed('fan-7')
    const absent = await timed('not-a-member')
    if (present.found !== VERSIONS / 2 || absent.found !== 0) {
      throw new Error(`Find a fan found ${present.found} and ${absent.found} versions`)
    }
    const label = `${VERSIONS} kept versions × ${idCount.toLocaleString('en-US')} IDs`
    return {
      key: 'findAFan',
      title: 'Find a fan',
      loadAverage: load,
      figures: { idCount, storeMs, present, absent },
      rows: [
        {
          figure: `${label}: a fan in 5 of them (median of 5)`,
          value: formatMs(present.ms),
          reference: 'embedded PGlite; one hashed bucket read per version',
        },
        { figure: `${label}: an ID in none`, value: formatMs(absent.ms) },
        {
          figure: `Keeping one ${idCount.toLocaleString('en-US')}-ID list (buckets and chunks)`,
          value: formatMs(median(storeMs)),
          reference: 'median of the 10 versions, after the upload was answered',
        },
      ],
      notes: [],
    }
  } finally {
    await handle.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
