// The bulk page's file, as the page shows it: nothing yet, being read, opened (its table, the rows
// for the preview and the worker that plans for it), or refused with a sentence. A pure reducer:
// the reading itself, its abort and the worker's life are usePropertyFile's.
import type { RowReader } from '../domain/packed-rows'
import type { PropertyPlanner } from '../worker/property-plan-client'
import type { PropertyTableSummary } from '../worker/read-property-table'

export type PropertyFileState =
  | { status: 'idle' }
  | { status: 'reading'; file: File; bytesRead: number; totalBytes: number }
  | {
      status: 'opened'
      /** Kept to read a workbook again from another sheet. */
      file: File
      table: PropertyTableSummary
      rows: RowReader
      planner: PropertyPlanner
    }
  | { status: 'failed'; file: File; sentence: string }

export type PropertyFileAction =
  | { type: 'read'; file: File }
  | { type: 'progress'; file: File; bytesRead: number; totalBytes: number }
  | {
      type: 'opened'
      file: File
      table: PropertyTableSummary
      rows: RowReader
      planner: PropertyPlanner
    }
  | { type: 'failed'; file: File; sentence: string }
  | { type: 'closed' }

export const idlePropertyFile: PropertyFileState = { status: 'idle' }

/**
 * The next state. What a reading reports (progress, its table, its failure) counts only while that
 * file is the one being read: a reading stopped or replaced has nothing more to say.
 * e.g. (reading a.csv, { type: 'progress', file: a.csv, bytesRead: 10, totalBytes: 20 }) → reading a.csv, 10 of 20
 *      (idle, { type: 'opened', file: a.csv, … }) → idle
 */
export function propertyFileReducer(
  state: PropertyFileState,
  action: PropertyFileAction,
): PropertyFileState {
  switch (action.type) {
    case 'read':
      return { status: 'reading', file: action.file, bytesRead: 0, totalBytes: action.file.size }
    case 'closed':
      return idlePropertyFile
    case 'progress':
      if (!isReading(state, action.file)) return state
      return { ...state, bytesRead: action.bytesRead, totalBytes: action.totalBytes }
    case 'opened': {
      if (!isReading(state, action.file)) return state
      const { file, table, rows, planner } = action
      return { status: 'opened', file, table, rows, planner }
    }
    case 'failed':
      if (!isReading(state, action.file)) return state
      return { status: 'failed', file: action.file, sentence: action.sentence }
  }
}

function isReading(
  state: PropertyFileState,
  file: File,
): state is PropertyFileState & { status: 'reading' } {
  return state.status === 'reading' && state.file === file
}
