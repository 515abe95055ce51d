import { expose, proxy, wrap } from 'comlink'
import { afterEach, describe, expect, it } from 'vitest'
import { IngestError } from './ingest-error'
import { installIngestErrorTransfer } from './ingest-error-transfer'
import { IngestWorkspace } from './ingest-workspace'
import type { IngestProgress } from './types'

// The page and the worker, joined by a MessageChannel instead of a real Worker: the same comlink
// wiring ingest-worker.ts and ingest-client.ts use.
function connect() {
  installIngestErrorTransfer()
  const channel = new MessageChannel()
  expose(new IngestWorkspace(), channel.port1)
  const api = wrap<IngestWorkspace>(channel.port2)
  return { api, close: () => (channel.port1.close(), channel.port2.close()) }
}

let close = () => {}
afterEach(() => close())

describe('the workspace across a message channel', () => {
  it('rejects with an IngestError that keeps its code and sentence', async () => {
    const connection = connect()
    close = connection.close
    const error: unknown = await connection.api
      .getAffectedRowsCsv('missing', 'blank')
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IngestError)
    expect(error).toMatchObject({
      code: 'unknown-source',
      sentence: 'That source is no longer in the list; add it again.',
    })
  })

  it('reports progress through a proxied callback and hands back pages and the body', async () => {
    const connection = connect()
    close = connection.close
    const seen: IngestProgress[] = []
    const text = Array.from({ length: 300_000 }, (_, i) => String(1_000_000 + i)).join('\n')
    const summary = await connection.api.addText(
      'p1',
      'Pasted IDs',
      text,
      {},
      proxy((progress: IngestProgress) => seen.push(progress)),
    )
    expect(summary.uniqueIds).toBe(300_000)
    expect(seen.at(-1)).toMatchObject({ sourceId: 'p1', bytesRead: text.length })
    expect((await connection.api.getPage(299_999, 10)).ids).toEqual(['1299999'])
    const body = await connection.api.buildSegmentRequestBody({ title: 'T', tag: 't' })
    expect(JSON.parse(body).userIds).toHaveLength(300_000)
  })

  it('stops a reading when the page cancels it', async () => {
    const connection = connect()
    close = connection.close
    const text = Array.from({ length: 2_000_000 }, (_, i) => String(10_000_000 + i)).join('\n')
    let cancelled = false
    const reading = connection.api.addText(
      'p1',
      'Pasted IDs',
      text,
      {},
      proxy(() => {
        if (cancelled) return
        cancelled = true
        void connection.api.cancel('p1')
      }),
    )
    const error: unknown = await reading.catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({
      code: 'cancelled',
      sentence: 'Reading Pasted IDs was cancelled.',
    })
    expect(await connection.api.listSources()).toEqual([])
  })
})
