// The property-plan worker's entry point: one PropertyPlanWorkspace, served to the page.
import { exposeWorkerApi } from '../../../lib/worker-client'
import { PropertyPlanWorkspace } from './property-plan-workspace'

exposeWorkerApi(new PropertyPlanWorkspace())
