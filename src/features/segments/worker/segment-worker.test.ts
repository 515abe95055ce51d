// The page and the worker, joined by a MessageChannel instead of a real Worker: the same client
// and the same comlink wiring segment-worker.ts uses.
import { proxy, type Remote } from 'comlink'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IngestError } from '../../../lib/ingest/ingest-error'
import { createWorkerClient, exposeWorkerApi, type WorkerClient } from '../../../lib/worker-client'
import { SegmentWorkspace } from './segment-workspace'
import type { IngestProgress } from './types'

let client: WorkerClient<SegmentWorkspace> | null = null
function connect(): Remote<SegmentWorkspace> {
  client = createWorkerClient<SegmentWorkspace>(() => {
    const channel = new MessageChannel()
    exposeWorkerApi(new SegmentWorkspace(), channel.port1)
    return channel.port2
  })
  return client.remote()
}
afterEach(() => client?.terminate())

const ids = (count: number, from: number) =>
  Array.from({ length: count }, (_, i) => String(from + i)).join('\n')

describe('the segments worker, as the page calls it', () => {
  it('rejects with an IngestError that keeps its code and sentence', async () => {
    const error: unknown = await connect()
      .getAffectedRowsCsv('missing', 'blank')
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IngestError)
    expect(error).toMatchObject({
      code: 'unknown-source',
      sentence: 'That source is no longer in the list; add it again.',
    })
  })

  it('answers an added file with its summary and the combined list, and reports progress', async () => {
    const worker = connect()
    const seen: IngestProgress[] = []
    const text = `user_id\n${ids(300_000, 1_000_000)}\n`
    const file = new File([text], 'members.csv', { type: 'text/csv' })
    const { source, combined } = await worker.addFile(
      's1',
      file,
      {},
      proxy((progress: IngestProgress) => seen.push(progress)),
    )
    expect(source.uniqueIds).toBe(300_000)
    expect(combined).toMatchObject({ total: 300_000, perSource: [{ sourceId: 's1' }] })
    // Progress comes through a port of its own, so its last message may follow the answer.
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({ sourceId: 's1', bytesRead: text.length }),
    )
    expect((await worker.getPage(299_999, 10)).ids).toEqual(['1299999'])
    const upload = await worker.prepareUpload({ title: 'T', tag: 't', sourceType: 0, notes: '' })
    expect(upload.idCount).toBe(300_000)
    expect(
      (await upload.body.text()).startsWith(
        '{"title":"T","tag":"t","sourceType":0,"userIds":["1000000",',
      ),
    ).toBe(true)
  })

  it('stops a reading when the page cancels it', async () => {
    const worker = connect()
    const file = new File([`id\n${ids(2_000_000, 10_000_000)}`], 'big.csv')
    let cancelled = false
    const reading = worker.addFile(
      's1',
      file,
      {},
      proxy(() => {
        if (cancelled) return
        cancelled = true
        void worker.cancel('s1')
      }),
    )
    const error: unknown = await reading.catch((thrown: unknown) => thrown)
    // Node's MessagePort hands a File over as a Blob, without its name, so only the code is known.
    expect(error).toMatchObject({ code: 'cancelled' })
    expect((await worker.current()).combined.perSource).toEqual([])
  })
})
