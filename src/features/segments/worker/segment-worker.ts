import { exposeWorkerApi } from '../../../lib/worker-client'
import { hashOnAnotherThread } from './fingerprint-thread'
import { SegmentWorkspace } from './segment-workspace'

exposeWorkerApi(new SegmentWorkspace({ hashLargeFile: hashOnAnotherThread }))
