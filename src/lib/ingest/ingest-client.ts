import { releaseProxy, wrap, type Remote } from 'comlink'
import type { IdListDiff } from './id-list-view'
import { installIngestErrorTransfer } from './ingest-error-transfer'
import type { IngestWorkspace } from './ingest-workspace'
import type { IdPage, IdSearchResult } from './types'

/** The worker's IngestWorkspace as the page sees it: every method returns a Promise. */
export type RemoteIngestWorkspace = Remote<IngestWorkspace>

export interface IngestClient {
  /** Every IngestWorkspace method; pass callbacks wrapped in comlink's `proxy()`. */
  readonly api: RemoteIngestWorkspace
  getIdPage(offset: number, limit: number): Promise<IdPage>
  searchIds(query: string, offset: number, limit: number): Promise<IdSearchResult>
  diffAgainst(previousIds: readonly string[]): Promise<IdListDiff>
  /**
   * Starts the worker ahead of its first use once the page is idle: booting it takes a few
   * hundred milliseconds that would otherwise be added to reading the first file. Returns a
   * function that cancels the start if it has not happened yet.
   */
  startWhenIdle(): () => void
  /** Stops the worker and drops its sources; the next call starts a fresh, empty one. */
  terminate(): void
}

/**
 * Starts the ingestion worker on first use (a module worker Vite bundles on its own) and wraps it
 * with comlink. Errors thrown in the worker arrive as IngestError with their code and sentence.
 * Starting lazily lets React's StrictMode unmount-and-remount terminate it without breaking it.
 */
export function createIngestClient(): IngestClient {
  installIngestErrorTransfer()
  let connection: { worker: Worker; api: RemoteIngestWorkspace } | null = null
  const connect = (): RemoteIngestWorkspace => {
    if (connection === null) {
      const worker = new Worker(new URL('./ingest-worker.ts', import.meta.url), {
        type: 'module',
        name: 'ingest',
      })
      connection = { worker, api: wrap<IngestWorkspace>(worker) }
    }
    return connection.api
  }
  return {
    get api() {
      return connect()
    },
    getIdPage: (offset, limit) => connect().getPage(offset, limit),
    searchIds: (query, offset, limit) => connect().searchIds(query, offset, limit),
    diffAgainst: (previousIds) => connect().diffAgainst(previousIds),
    startWhenIdle() {
      // Safari has no requestIdleCallback; a short timeout lets the first screen finish first.
      if (typeof requestIdleCallback === 'function') {
        const handle = requestIdleCallback(() => connect(), { timeout: 2000 })
        return () => cancelIdleCallback(handle)
      }
      const handle = setTimeout(() => connect(), 500)
      return () => clearTimeout(handle)
    },
    terminate() {
      if (connection === null) return
      connection.api[releaseProxy]()
      connection.worker.terminate()
      connection = null
    },
  }
}
