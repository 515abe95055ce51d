// The bulk page's file from the moment it is chosen: reads it in a property-plan worker of its
// own (the worker then keeps the table and plans for it), reports progress, stops a reading that
// another choice or "Stop reading" replaces, reads a workbook again from another sheet, and stops
// the worker once its table leaves the page.
import { proxy } from 'comlink'
import { useEffect, useReducer, useRef } from 'react'
import { cancelledError, isIngestError } from '../../../lib/ingest/ingest-error'
import type { WorkerClient } from '../../../lib/worker-client'
import { readPackedRows } from '../domain/packed-rows'
import { createPropertyPlanWorker } from '../worker/property-plan-client'
import type { PropertyPlanWorkspace } from '../worker/property-plan-workspace'
import type { PropertyTableSummary } from '../worker/read-property-table'
import {
  idlePropertyFile,
  propertyFileReducer,
  type PropertyFileState,
} from './property-file-state'

export interface PropertyFileEvents {
  /** A table was read: the page maps its columns. */
  onOpened(table: PropertyTableSummary): void
  /** The table left the page (another file, a cleared choice, a stopped reading). */
  onClosed(): void
}

export interface PropertyFile {
  state: PropertyFileState
  /** Reads the chosen file; undefined when the choice was cleared. */
  choose(file: File | undefined): void
  /** Reads the opened workbook again from sheet `sheet` (an index into its sheets). */
  chooseSheet(sheet: number): void
  /** Stops the reading under way. */
  stop(): void
}

interface Running {
  controller: AbortController
  worker: WorkerClient<PropertyPlanWorkspace>
}

/**
 * The bulk page's file and the worker that holds its table.
 * e.g. choose(tiersCsv) → state reading tiers.csv, 0 of 2 KB … → opened { table: { columns: ['user_id', 'tier'] }, planner }
 */
export function usePropertyFile(events: PropertyFileEvents): PropertyFile {
  const [state, dispatch] = useReducer(propertyFileReducer, idlePropertyFile)
  // The reading or table in hand: not something the page shows, what the page must stop.
  const running = useRef<Running | null>(null)

  const release = () => {
    const current = running.current
    running.current = null
    current?.controller.abort()
    current?.worker.terminate()
  }
  useEffect(() => release, [])

  const open = async (file: File | undefined, sheet?: number) => {
    release()
    events.onClosed()
    if (file === undefined) {
      dispatch({ type: 'closed' })
      return
    }
    const controller = new AbortController()
    const worker = createPropertyPlanWorker()
    running.current = { controller, worker }
    dispatch({ type: 'read', file })
    // A stopped worker never answers: the abort settles the wait instead.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(cancelledError(file.name)), {
        once: true,
      })
    })
    const onProgress = (bytesRead: number, totalBytes: number) =>
      dispatch({ type: 'progress', file, bytesRead, totalBytes })
    try {
      const planner = worker.remote()
      const { table, rows } = await Promise.race([
        planner.read(file, file.name, proxy(onProgress), sheet),
        aborted,
      ])
      if (controller.signal.aborted) return
      dispatch({ type: 'opened', file, table, rows: readPackedRows(rows), planner })
      events.onOpened(table)
    } catch (error) {
      if (controller.signal.aborted) return
      release()
      dispatch({
        type: 'failed',
        file,
        sentence: isIngestError(error) ? error.sentence : `${file.name} could not be read.`,
      })
    }
  }

  return {
    state,
    choose: (file) => void open(file),
    chooseSheet(sheet) {
      if (state.status === 'opened') void open(state.file, sheet)
    },
    stop() {
      release()
      dispatch({ type: 'closed' })
    },
  }
}
