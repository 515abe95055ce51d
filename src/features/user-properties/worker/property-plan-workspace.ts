// What the property-plan worker holds: one table, read here and kept here, so a mapping change
// sends only the mapping and the page gets back a summary, not 200,000 rows or their requests.
// The page's copy of the rows, for the preview, travels packed (see packed-rows.ts). The page
// calls it as Remote<PropertyPlanWorkspace> (property-plan-client.ts).
import { transfer } from 'comlink'
import { packRows, type PackedRows } from '../domain/packed-rows'
import type { UpdateUserRequest } from '../domain/plan-requests'
import type { TableMapping } from '../domain/property-table'
import { createPlanSession, type PlanSession, type TablePlanView } from '../domain/table-plan'
import { readPropertyFile } from './read-property-file'
import type { PropertyTableSummary } from './read-property-table'

/** A table as the page gets it: the summary, and the rows packed for the preview. */
export interface ReadTable {
  table: PropertyTableSummary
  rows: PackedRows
}

/** One worker per file: terminating the worker frees the table. */
export class PropertyPlanWorkspace {
  private session: PlanSession | null = null

  /**
   * Reads a properties CSV or workbook (told apart by content) and keeps it; `onProgress` must be
   * wrapped in comlink's proxy(). `sheet` picks a workbook's sheet.
   * e.g. read(tiersCsv, 'tiers.csv') → { table: { columns: ['user_id', 'tier'], … }, rows: <packed> }
   */
  async read(
    file: Blob,
    name: string,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
    sheet?: number,
  ): Promise<ReadTable> {
    const { rows, rowNumbers, idCellExclusions, ...table } = await readPropertyFile(file, {
      name,
      sheet,
      onProgress,
    })
    this.session = createPlanSession({ columns: table.columns, rows, rowNumbers, idCellExclusions })
    const packed = packRows(rows)
    return transfer({ table, rows: packed }, [packed.cellEnds.buffer, packed.rowEnds.buffer])
  }

  /** Analyses and plans the table under `mapping` (see PlanSession.plan). */
  plan(
    seq: number,
    mapping: TableMapping,
    registered: ReadonlySet<string>,
    batchSize: number,
  ): TablePlanView {
    return this.current().plan(seq, mapping, registered, batchSize)
  }

  /** The requests of plan `seq`; throws when a later plan has replaced it. */
  requests(seq: number): UpdateUserRequest[] {
    return this.current().requests(seq)
  }

  private current(): PlanSession {
    if (this.session === null) throw new Error('no table has been read in this worker')
    return this.session
  }
}
