// Component tests run in jsdom, which has no Worker: `vi.mock('../worker/property-plan-client')`
// puts this in place of the real client. The same reader, packing and planner run on the
// test's thread, behind the same interface.
import { cancelledError } from '../../../../lib/ingest/ingest-error'
import { packRows, readPackedRows } from '../../domain/packed-rows'
import { createPlanSession } from '../../domain/table-plan'
import type { OpenedPropertyFile, OpenPropertyFileOptions } from '../property-plan-client'
import { readPropertyTable } from '../read-property-table'

export async function openPropertyFile(
  file: File,
  { signal, onProgress }: OpenPropertyFileOptions = {},
): Promise<OpenedPropertyFile> {
  if (signal?.aborted) throw cancelledError(file.name)
  const { rows, ...table } = await readPropertyTable(await file.text(), {
    name: file.name,
    totalBytes: file.size,
    signal,
    onProgress,
  })
  const session = createPlanSession({ columns: table.columns, rows })
  return {
    table,
    rows: readPackedRows(packRows(rows)),
    planner: {
      plan: async (...args) => session.plan(...args),
      requests: async (seq) => session.requests(seq),
      close: () => undefined,
    },
  }
}
