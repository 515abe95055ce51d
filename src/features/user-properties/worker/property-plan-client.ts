import { proxy } from 'comlink'
import { cancelledError } from '../../../lib/ingest/ingest-error'
import { createWorkerClient } from '../../../lib/worker-client'
import { readPackedRows, type RowReader } from '../domain/packed-rows'
import type { UpdateUserRequest } from '../domain/plan-requests'
import type { TableMapping } from '../domain/property-table'
import type { TablePlanView } from '../domain/table-plan'
import type { PropertyPlanWorkerApi } from './property-plan-worker'
import type { PropertyTableSummary } from './read-property-table'

/** Plans for one table, worked out off the page's thread. */
export interface PropertyPlanner {
  plan(
    seq: number,
    mapping: TableMapping,
    registered: ReadonlySet<string>,
    batchSize: number,
  ): Promise<TablePlanView>
  /** The requests of plan `seq`; rejects when a later plan has replaced it. */
  requests(seq: number): Promise<UpdateUserRequest[]>
  /** Frees the table; call it when the table leaves the page. */
  close(): void
}

/** The file as the page keeps it: what was read, the rows for the preview, and its planner. */
export interface OpenedPropertyFile {
  table: PropertyTableSummary
  rows: RowReader
  planner: PropertyPlanner
}

export interface OpenPropertyFileOptions {
  signal?: AbortSignal
  onProgress?: (bytesRead: number, totalBytes: number) => void
  /** The sheet of a workbook to read; by default the first visible one that holds data. */
  sheet?: number
}

/**
 * Reads a properties CSV or workbook in a worker that then keeps the table and plans for it, so neither
 * reading nor replanning a large file blocks the page. Failures reject with an IngestError.
 * e.g. openPropertyFile(file) → { table: { columns: ['user_id', 'tier'], … }, rows (row(0) → ['0012', 'Gold']), planner }
 */
export async function openPropertyFile(
  file: File,
  options: OpenPropertyFileOptions = {},
): Promise<OpenedPropertyFile> {
  const { signal, onProgress, sheet } = options
  if (signal?.aborted) throw cancelledError(file.name)
  // One worker per file: closing the file frees its table with the worker.
  const worker = createWorkerClient<PropertyPlanWorkerApi>(
    () =>
      new Worker(new URL('./property-plan-worker.ts', import.meta.url), {
        type: 'module',
        name: 'property-plan',
      }),
  )
  const api = worker.remote()
  let stop: () => void = () => undefined
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(cancelledError(file.name))
    signal?.addEventListener('abort', stop, { once: true })
  })
  try {
    const { table, rows } = await Promise.race([
      api.read(file, onProgress === undefined ? undefined : proxy(onProgress), sheet),
      aborted,
    ])
    return {
      table,
      rows: readPackedRows(rows),
      planner: {
        plan: (seq, mapping, registered, batchSize) =>
          api.plan(seq, mapping, registered, batchSize),
        requests: (seq) => api.requests(seq),
        close: worker.terminate,
      },
    }
  } catch (error) {
    worker.terminate()
    throw error
  } finally {
    signal?.removeEventListener('abort', stop)
  }
}
