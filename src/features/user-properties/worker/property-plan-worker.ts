import { transfer } from 'comlink'
import { blobChunks } from '../../../lib/ingest/blob-chunks'
import { exposeWorkerApi } from '../../../lib/worker-client'
import { packRows, type PackedRows } from '../domain/packed-rows'
import { createPlanSession, type PlanSession } from '../domain/table-plan'
import { readPropertyTable, type PropertyTable } from './read-property-table'

// The table is read here and stays here: a mapping change sends only the mapping, and the page
// gets back a summary, not 200,000 rows or their requests. The page's copy of the rows, for the
// preview, travels packed (see packed-rows.ts).
let session: PlanSession | null = null

function current(): PlanSession {
  if (session === null) throw new Error('no table has been read in this worker')
  return session
}

const api = {
  /** Reads a properties CSV and keeps it; `onProgress` must be wrapped in comlink's proxy(). */
  async read(
    file: File,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
  ): Promise<{ table: Omit<PropertyTable, 'rows'>; rows: PackedRows }> {
    const { rows, ...table } = await readPropertyTable(blobChunks(file), {
      name: file.name,
      totalBytes: file.size,
      onProgress,
    })
    session = createPlanSession({ columns: table.columns, rows })
    const packed = packRows(rows)
    return transfer({ table, rows: packed }, [packed.cellEnds.buffer, packed.rowEnds.buffer])
  },
  plan: (...args: Parameters<PlanSession['plan']>) => current().plan(...args),
  requests: (seq: number) => current().requests(seq),
}

export type PropertyPlanWorkerApi = typeof api

exposeWorkerApi(api)
