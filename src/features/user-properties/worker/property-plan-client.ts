// The page's handle on a property-plan worker: Remote<PropertyPlanWorkspace> through the shared
// worker client, so the page calls the workspace's own methods and the two cannot drift.
import type { Remote } from 'comlink'
import { createWorkerClient, type WorkerClient } from '../../../lib/worker-client'
import type { PropertyPlanWorkspace } from './property-plan-workspace'

/** The workspace as the page calls it: every method returns a Promise. */
export type PropertyPlanner = Remote<PropertyPlanWorkspace>

/**
 * Starts (lazily) a worker that reads one properties file and then plans for it, so neither
 * reading nor replanning a large file blocks the page. One worker per file: terminating it frees
 * the table. Failures reject with an IngestError.
 * e.g. await createPropertyPlanWorker().remote().read(file, file.name) → { table: { columns: ['user_id', 'tier'], … }, rows }
 */
export function createPropertyPlanWorker(): WorkerClient<PropertyPlanWorkspace> {
  return createWorkerClient<PropertyPlanWorkspace>(
    () =>
      new Worker(new URL('./property-plan-worker.ts', import.meta.url), {
        type: 'module',
        name: 'property-plan',
      }),
  )
}
