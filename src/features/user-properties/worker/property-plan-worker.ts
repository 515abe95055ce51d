import { transfer } from 'comlink'
import { blobChunks } from '../../../lib/ingest/blob-chunks'
import { blobContainerKind } from '../../../lib/ingest/workbook/open-workbook'
import { exposeWorkerApi } from '../../../lib/worker-client'
import { packRows, type PackedRows } from '../domain/packed-rows'
import { createPlanSession, type PlanSession } from '../domain/table-plan'
import { readPropertyTable, type PropertyTableSummary } from './read-property-table'
import { readPropertyWorkbook } from './read-property-workbook'

// The table is read here and stays here: a mapping change sends only the mapping, and the page
// gets back a summary, not 200,000 rows or their requests. The page's copy of the rows, for the
// preview, travels packed (see packed-rows.ts).
let session: PlanSession | null = null

function current(): PlanSession {
  if (session === null) throw new Error('no table has been read in this worker')
  return session
}

const api = {
  /**
   * Reads a properties CSV or workbook (told apart by content) and keeps it; `onProgress` must be
   * wrapped in comlink's proxy(). `sheet` picks a workbook's sheet.
   */
  async read(
    file: File,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
    sheet?: number,
  ): Promise<{ table: PropertyTableSummary; rows: PackedRows }> {
    const container = await blobContainerKind(file)
    const { rows, rowNumbers, idCellExclusions, ...table } =
      container === null
        ? await readPropertyTable(blobChunks(file), {
            name: file.name,
            totalBytes: file.size,
            onProgress,
          })
        : await readPropertyWorkbook(file, container, { name: file.name, sheet, onProgress })
    session = createPlanSession({ columns: table.columns, rows, rowNumbers, idCellExclusions })
    const packed = packRows(rows)
    return transfer({ table, rows: packed }, [packed.cellEnds.buffer, packed.rowEnds.buffer])
  },
  plan: (...args: Parameters<PlanSession['plan']>) => current().plan(...args),
  requests: (seq: number) => current().requests(seq),
}

export type PropertyPlanWorkerApi = typeof api

exposeWorkerApi(api)
