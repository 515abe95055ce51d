import { expose, releaseProxy, wrap, type Endpoint, type Remote } from 'comlink'
import { installIngestErrorTransfer } from './ingest/ingest-error-transfer'
import { whenIdle } from './when-idle'

/** A worker as the page holds it: typed calls, started on first use, stopped on demand. */
export interface WorkerClient<Api> {
  /** The worker's API (every method returns a Promise); starts the worker if it is not running. */
  remote(): Remote<Api>
  /**
   * Starts the worker once the page is idle, so booting it (a few hundred milliseconds) is not
   * added to the first real call. Returns a function that cancels the start if still pending.
   */
  startWhenIdle(): () => void
  /** Stops the worker and everything it holds; the next call starts a fresh one. */
  terminate(): void
}

/**
 * Wraps a worker with comlink, starting it lazily, so React's StrictMode can unmount (terminate)
 * and remount without breaking it. An IngestError thrown in the worker arrives with its code and
 * sentence. `start` returns a Worker, or a MessagePort in tests.
 * e.g. createWorkerClient<Api>(() => new Worker(new URL('./w.ts', import.meta.url), { type: 'module' })).remote().read(file)
 */
export function createWorkerClient<Api>(start: () => Worker | MessagePort): WorkerClient<Api> {
  installIngestErrorTransfer()
  let connection: { endpoint: Worker | MessagePort; api: Remote<Api> } | null = null
  const remote = (): Remote<Api> => {
    if (connection === null) {
      const endpoint = start()
      connection = { endpoint, api: wrap<Api>(endpoint) }
    }
    return connection.api
  }
  return {
    remote,
    startWhenIdle() {
      return whenIdle(() => remote())
    },
    terminate() {
      if (connection === null) return
      const { endpoint, api } = connection
      connection = null
      api[releaseProxy]()
      if ('terminate' in endpoint) endpoint.terminate()
      else endpoint.close()
    },
  }
}

/** The worker's side of createWorkerClient: serves `api` to the page. */
export function exposeWorkerApi(api: object, endpoint?: Endpoint): void {
  installIngestErrorTransfer()
  expose(api, endpoint)
}
