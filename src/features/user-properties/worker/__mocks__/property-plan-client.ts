// Component tests run in jsdom, which has no Worker: `vi.mock('../worker/property-plan-client')`
// puts this in place of the real client. The same workspace (the shared reader, packing and
// planner) runs on the test's thread, behind the same Remote<PropertyPlanWorkspace>.
import { sameThreadWorkerClient } from '../../../../lib/testing/same-thread-worker'
import type { WorkerClient } from '../../../../lib/worker-client'
import { PropertyPlanWorkspace } from '../property-plan-workspace'

export function createPropertyPlanWorker(): WorkerClient<PropertyPlanWorkspace> {
  return sameThreadWorkerClient<PropertyPlanWorkspace>(() => new PropertyPlanWorkspace())
}
