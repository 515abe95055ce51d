// A workbook source read again from another sheet: the conditions set on the old sheet's rows are
// cleared (its columns, values and counts belong to that sheet), and the card says so.
import type { RowCondition } from '../../../../../contracts/recipe'
import type { WorkbookSummary } from '../../../../lib/ingest/types'

/**
 * The conditions a source keeps after a reading, and the sentence when it lost them.
 * e.g. (2 conditions, sheet "Tickets", sheet "Renewals")
 *   → { conditions: [], warning: 'Sheet “Renewals” is read now, so the 2 conditions set on sheet “Tickets” were cleared.' }
 */
export function conditionsAfterReading(
  conditions: readonly RowCondition[],
  before: WorkbookSummary | null | undefined,
  after: WorkbookSummary | null,
): { conditions: readonly RowCondition[]; warning: string | null } {
  if (conditions.length === 0 || before == null || after === null || before.sheet === after.sheet) {
    return { conditions, warning: null }
  }
  const name = (workbook: WorkbookSummary) => workbook.sheets[workbook.sheet]?.name ?? ''
  const count = conditions.length === 1 ? 'the condition' : `the ${conditions.length} conditions`
  return {
    conditions: [],
    warning: `Sheet “${name(after)}” is read now, so ${count} set on sheet “${name(before)}” ${conditions.length === 1 ? 'was' : 'were'} cleared.`,
  }
}
