import { createWorkerClient, exposeWorkerApi } from '../../../lib/worker-client'
import type { SegmentWorker } from '../components/use-id-sources'
import { SegmentWorkspace } from '../worker/segment-workspace'

/**
 * For tests: a real SegmentWorkspace at the end of a MessageChannel instead of a Worker, through
 * the same createWorkerClient and comlink wiring as segment-worker.ts.
 * e.g. renderHook(() => useIdSources(channelWorker()))
 */
export function channelWorker(workspace = new SegmentWorkspace()): () => SegmentWorker {
  return () =>
    createWorkerClient<SegmentWorkspace>(() => {
      const channel = new MessageChannel()
      exposeWorkerApi(workspace, channel.port1)
      return channel.port2
    })
}
