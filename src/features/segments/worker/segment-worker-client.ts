import { proxy } from 'comlink'
import type { IssueKind } from '../../../lib/ingest/types'
import { createWorkerClient } from '../../../lib/worker-client'
import type { SegmentFields } from '../api/replace-segment'
import type { PreviousListDiff, SegmentWorkspace } from './segment-workspace'
import type {
  AddSourceOptions,
  CombinedSummary,
  CombineMode,
  IdListFormat,
  IdPage,
  IdSearchResult,
  IngestProgress,
  PreparedUpload,
  SourceAdded,
} from './types'

/** The segments worker as the page calls it; the IDs stay in the worker but for these answers. */
export interface SegmentWorkerClient {
  addFile(
    sourceId: string,
    file: File,
    options: AddSourceOptions,
    onProgress: (progress: IngestProgress) => void,
  ): Promise<SourceAdded>
  addText(sourceId: string, name: string, text: string): Promise<SourceAdded>
  cancel(sourceId: string): Promise<void>
  removeSource(sourceId: string): Promise<CombinedSummary>
  clear(): Promise<CombinedSummary>
  combine(mode?: CombineMode): Promise<CombinedSummary>
  arrange(sourceIds: readonly string[], mode?: CombineMode): Promise<CombinedSummary>
  getIdPage(offset: number, limit: number): Promise<IdPage>
  searchIds(query: string, offset: number, limit: number): Promise<IdSearchResult>
  requestBody(fields: SegmentFields): Promise<string>
  prepareUpload(fields: SegmentFields): Promise<PreparedUpload>
  getResultBlob(format: IdListFormat): Promise<Blob>
  diffAgainstJson(previousJson: string): Promise<PreviousListDiff>
  getAffectedRowsCsv(sourceId: string, kind: IssueKind): Promise<Blob>
  startWhenIdle(): () => void
  terminate(): void
}

/**
 * Talks to a SegmentWorkspace in its own module worker (or, in tests, at the end of `start`'s
 * MessagePort). e.g. await createSegmentWorkerClient().addText('s1', 'Pasted IDs', '12\n0012') → { source: { uniqueIds: 2, … }, combined: { total: 2, … } }
 */
export function createSegmentWorkerClient(
  start: () => Worker | MessagePort = () =>
    new Worker(new URL('./segment-worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
): SegmentWorkerClient {
  const worker = createWorkerClient<SegmentWorkspace>(start)
  const remote = worker.remote
  return {
    addFile: (sourceId, file, options, onProgress) =>
      remote().addFile(sourceId, file, options, proxy(onProgress)),
    addText: (sourceId, name, text) => remote().addText(sourceId, name, text),
    cancel: (sourceId) => remote().cancel(sourceId),
    removeSource: (sourceId) => remote().removeSource(sourceId),
    clear: () => remote().clear(),
    combine: (mode) => remote().combine(mode),
    arrange: (sourceIds, mode) => remote().arrange(sourceIds, mode),
    getIdPage: (offset, limit) => remote().getPage(offset, limit),
    searchIds: (query, offset, limit) => remote().searchIds(query, offset, limit),
    requestBody: (fields) => remote().requestBody(fields),
    prepareUpload: (fields) => remote().prepareUpload(fields),
    getResultBlob: (format) => remote().getResultBlob(format),
    diffAgainstJson: (previousJson) => remote().diffAgainstJson(previousJson),
    getAffectedRowsCsv: (sourceId, kind) => remote().getAffectedRowsCsv(sourceId, kind),
    startWhenIdle: worker.startWhenIdle,
    terminate: worker.terminate,
  }
}
