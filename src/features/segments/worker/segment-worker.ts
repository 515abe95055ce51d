import { exposeWorkerApi } from '../../../lib/worker-client'
import { SegmentWorkspace } from './segment-workspace'

exposeWorkerApi(new SegmentWorkspace())
