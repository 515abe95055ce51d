import { proxy, wrap } from 'comlink'
import { cancelledError } from './ingest-error'
import { installIngestErrorTransfer } from './ingest-error-transfer'
import type { PropertyTableWorkerApi } from './property-table-worker'
import { readPropertyTable, type PropertyTable } from './read-property-table'

export interface ReadPropertyFileOptions {
  signal?: AbortSignal
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

/**
 * Reads a properties CSV in a worker of its own (so the page stays responsive on a large file)
 * and stops that worker when done or when `signal` aborts. Failures reject with an IngestError.
 * e.g. readPropertyFile(file) → { columns: ['user_id', 'tier'], rows: [['0012', 'Gold'], …], … }
 */
export async function readPropertyFile(
  file: File,
  options: ReadPropertyFileOptions = {},
): Promise<PropertyTable> {
  const { signal, onProgress } = options
  if (signal?.aborted) throw cancelledError(file.name)
  if (typeof Worker === 'undefined') {
    // Component tests run without workers; the same reader runs on this thread instead.
    return readPropertyTable(await file.text(), {
      name: file.name,
      totalBytes: file.size,
      signal,
      onProgress,
    })
  }
  installIngestErrorTransfer()
  const worker = new Worker(new URL('./property-table-worker.ts', import.meta.url), {
    type: 'module',
    name: 'property-table',
  })
  const api = wrap<PropertyTableWorkerApi>(worker)
  let stop: () => void = () => undefined
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(cancelledError(file.name))
    signal?.addEventListener('abort', stop, { once: true })
  })
  try {
    return await Promise.race([
      api.read(file, onProgress === undefined ? undefined : proxy(onProgress)),
      aborted,
    ])
  } finally {
    signal?.removeEventListener('abort', stop)
    worker.terminate()
  }
}
