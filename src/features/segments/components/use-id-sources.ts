// The Segments page's view of its sources: what the segments worker answered (a reducer) and how
// far each reading has got (a store), with one named action per thing the marketer does. The
// worker owns the sources themselves; the page never holds the raw worker client.
import { proxy, transfer, type Remote } from 'comlink'
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react'
import type { RowCondition } from '../../../../contracts/recipe'
import { downloadBlob } from '../../../lib/download'
import { errorMessage } from '../../../lib/format'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import type { IssueKind } from '../../../lib/ingest/types'
import { createWorkerClient, type WorkerClient } from '../../../lib/worker-client'
import type { IdListPreview } from '../api/id-list-queries'
import type { DiffAgainstKept } from '../api/previous-upload'
import type { SegmentFields } from '../api/replace-segment'
import { idSourcesReducer, initialIdSources, type IdSourcesState } from '../domain/id-sources'
import type { SegmentMemoryWrite } from '../domain/remembered-reading'
import { applyMemoryWrites, rememberedChoices } from '../memory/segment-reading-memory'
import type { SplitTableView } from '../worker/rows/segment-split'
import type { KeptRowsState, ValueRows } from '../worker/rows/source-rows'
import type { SplitSegmentEdit } from '../worker/rows/split-check'
import type { KeptRowsView, PreviousListDiff, SegmentWorkspace } from '../worker/segment-workspace'
import type {
  Arranged,
  CombineMode,
  IdListFormat,
  PreparedBatch,
  PreparedUpload,
  ProgressCallback,
  SourceAdded,
  SourceSummary,
  SplitSettings,
} from '../worker/types'
import { createReadProgressStore, type ReadProgressStore } from './read-progress'

/** The segments worker as the page holds it. */
export type SegmentWorker = WorkerClient<SegmentWorkspace>

/** A SegmentWorkspace in a module worker of its own, started on first use. */
export function createSegmentWorker(): SegmentWorker {
  return createWorkerClient<SegmentWorkspace>(
    () =>
      new Worker(new URL('../worker/segment-worker.ts', import.meta.url), {
        type: 'module',
        name: 'ingest',
      }),
  )
}

export interface IdSources extends IdSourcesState {
  readProgress: ReadProgressStore
  busy: boolean
  addFiles: (files: readonly File[]) => void
  /** addFiles, resolving once each file is read to its summary (null when it could not be). */
  readFiles: (files: readonly File[]) => Promise<(SourceSummary | null)[]>
  addPastedText: (text: string) => void
  /**
   * Loads a list the team history kept (History → Restore), as the JSON text the history answers,
   * as a source of its own; `recordedCount` is how many IDs the history recorded for it.
   */
  addKeptList: (name: string, keptJson: string, recordedCount: number | null) => void
  cancel: (sourceId: string) => void
  remove: (sourceId: string) => void
  /** Reads the source again from `column`, and remembers the choice for its header row. */
  chooseIdColumn: (sourceId: string, column: number) => void
  /** Forgets the remembered ID column of the source's header row and reads it automatically. */
  restoreAutomaticIdColumn: (sourceId: string) => void
  /** Reads a workbook source again from another sheet, and remembers it for its sheet names. */
  chooseSheet: (sourceId: string, sheet: number) => void
  /**
   * chooseIdColumn or chooseSheet for a source added a moment ago (a recipe's), resolving to its
   * new summary; null when the worker no longer holds it.
   */
  readAgainWith: (
    sourceId: string,
    choice: { idColumn: number } | { sheet: number },
  ) => Promise<SourceSummary | null>
  /** Forgets the remembered sheet of the source's workbook and reads it automatically. */
  restoreAutomaticSheet: (sourceId: string) => void
  /** Remembers, for these sources' header rows, that they were combined as now for `tag`. */
  rememberUploadTag: (tag: string) => void
  setMode: (mode: CombineMode) => void
  /** Moves a source one place up in the combination (Subtract keeps the first source's IDs). */
  moveUp: (sourceId: string) => void
  /** Puts the sources in this order and mode at once (a recipe's combination). */
  arrange: (sourceIds: readonly string[], mode: CombineMode) => Promise<void>
  /** Forgets the remembered combination: Union, in the order the sources were added. */
  restoreAutomaticCombination: () => void
  clear: () => void
  /** The final list, page by page and searched, for the preview. */
  preview: IdListPreview
  /** The request body for the final list and the IDs it carries, taken together. */
  prepareUpload: (fields: SegmentFields) => Promise<PreparedUpload>
  /** The exact request body (for Copy as cURL). */
  requestBody: (fields: SegmentFields) => Promise<string>
  /** How the final list differs from an earlier one, given as the bytes the history answers. */
  diffAgainstKept: DiffAgainstKept
  /** Saves the final list as a file, one ID per line. */
  downloadIds: (fileName: string, format?: IdListFormat) => Promise<void>
  /** Saves every row of a source affected by one kind of change, as CSV. */
  downloadAffectedRows: (sourceId: string, kind: IssueKind) => Promise<void>
  /** A source's columns and how its "Keep rows where…" conditions stand; null without rows. */
  columnProfiles: (sourceId: string) => Promise<KeptRowsView | null>
  /** Values of a source's column containing `query`, most frequent first. */
  searchColumnValues: (
    sourceId: string,
    column: string,
    query: string,
  ) => Promise<{ matches: ValueRows[]; more: boolean }>
  /** Keeps only the source's rows where every condition holds; the final list follows. */
  setConditions: (sourceId: string, conditions: RowCondition[]) => Promise<KeptRowsState>
  /** Counts the conditions set so far, so each card's "Keep rows where…" shows the worker's. */
  conditionsRevision: number
  /** "One segment per value of…" a source's column (null: one segment from the final list). */
  setSplit: (settings: SplitSettings | null) => void
  /** Changes one value's tag, title or tick in the split. */
  editSplitSegment: (value: string, change: SplitSegmentEdit) => void
  /** Ticks or unticks every value of the split. */
  tickAllSplitSegments: (ticked: boolean) => void
  /** Shows the split table from row `offset`. */
  showSplitPage: (offset: number) => void
  /** Each ticked segment's exact request body; rejects with a sentence while the split cannot go. */
  prepareBatch: (fields: { sourceType: number; notes: string }) => Promise<PreparedBatch>
  /** How the split's segment tagged `tag` differs from its earlier list (the history's answer's bytes). */
  diffSegmentAgainst: (tag: string, kept: ArrayBuffer) => Promise<PreviousListDiff>
}

let nextSourceNumber = 1
const newSourceId = () => `source-${nextSourceNumber++}`

type Workspace = Remote<SegmentWorkspace>
/** One reading in the worker; the answer of a re-read also says what to remember. */
type ReadJob = (
  workspace: Workspace,
  onProgress: ProgressCallback,
) => Promise<SourceAdded & { memory?: SegmentMemoryWrite[] }>

/**
 * The page's view of the segments worker: one entry per source, and the combined list.
 * The IDs themselves never leave the worker except page by page, and once per upload.
 * `createWorker` is for tests, which connect a workspace over a MessageChannel.
 */
export function useIdSources(createWorker: () => SegmentWorker = createSegmentWorker): IdSources {
  const [worker] = useState(createWorker)
  const [readProgress] = useState(createReadProgressStore)
  const [state, dispatch] = useReducer(idSourcesReducer, initialIdSources)
  const [conditionsRevision, countConditionsSet] = useReducer((count: number) => count + 1, 0)

  useEffect(() => {
    const cancelStart = worker.startWhenIdle()
    return () => {
      cancelStart()
      worker.terminate()
    }
  }, [worker])

  const read = useCallback(
    async (
      sourceId: string,
      name: string,
      totalBytes: number,
      job: ReadJob,
    ): Promise<SourceSummary | null> => {
      dispatch({ type: 'reading', sourceId, name, totalBytes, at: Date.now() })
      readProgress.set(sourceId, { bytesRead: 0, totalBytes })
      const workspace = worker.remote()
      // A function crosses to the worker only as a comlink proxy.
      const onProgress = proxy<ProgressCallback>(({ bytesRead, totalBytes: total }) =>
        readProgress.set(sourceId, { bytesRead, totalBytes: total }),
      )
      let summary: SourceSummary | null = null
      try {
        const { source, combined, memory } = await job(workspace, onProgress)
        applyMemoryWrites(memory ?? [])
        dispatch({ type: 'read', source, combined, at: Date.now() })
        summary = source
      } catch (error) {
        const at = Date.now()
        if (isIngestError(error) && error.code === 'cancelled') {
          dispatch({ type: 'cancelled', sourceId, name, at })
        } else {
          const sentence = isIngestError(error)
            ? error.sentence
            : `${name} could not be read: ${errorMessage(error)}`
          dispatch({ type: 'failed', sourceId, name, sentence, at })
        }
        // A source read again leaves the list when its new reading starts, whatever the end.
        dispatch({ type: 'combined', combined: (await workspace.current()).combined })
      } finally {
        readProgress.delete(sourceId)
      }
      // Once every source is read: the combination remembered for their header rows, if any.
      const recalled = await workspace.recallCombination(rememberedChoices().combinations)
      if (recalled !== null) {
        dispatch({
          type: 'arranged',
          combined: recalled.combined,
          recalled: true,
          tag: recalled.tag,
        })
      }
      return summary
    },
    [worker, readProgress],
  )

  const arranged = useCallback((answer: Promise<Arranged>) => {
    void answer.then(({ combined, memory }) => {
      applyMemoryWrites(memory)
      dispatch({ type: 'arranged', combined, recalled: false })
    })
  }, [])

  const readFiles = useCallback(
    (dropped: readonly File[]) => {
      const remembered = rememberedChoices()
      return Promise.all(
        dropped.map((file) => {
          const sourceId = newSourceId()
          return read(sourceId, file.name, file.size, (workspace, onProgress) =>
            workspace.addFile(sourceId, file, remembered, onProgress),
          )
        }),
      )
    },
    [read],
  )

  const addKeptList = useCallback(
    (name: string, keptJson: string, recordedCount: number | null) => {
      const sourceId = newSourceId()
      void read(sourceId, name, keptJson.length, (workspace, onProgress) =>
        workspace.addKeptList(sourceId, name, keptJson, recordedCount, onProgress),
      )
    },
    [read],
  )

  const preview = useMemo<IdListPreview>(
    () => ({
      getPage: (offset, limit) => worker.remote().getPage(offset, limit),
      searchIds: (query, offset, limit) => worker.remote().searchIds(query, offset, limit),
    }),
    [worker],
  )

  // Stable, since a card's section loads its columns again whenever these change.
  const columnProfiles = useCallback(
    (sourceId: string) => worker.remote().columnProfiles(sourceId),
    [worker],
  )
  const searchColumnValues = useCallback(
    (sourceId: string, column: string, query: string) =>
      worker.remote().searchColumnValues(sourceId, column, query),
    [worker],
  )
  const setConditions = useCallback(
    async (sourceId: string, conditions: RowCondition[]) => {
      const { state: kept, combined } = await worker.remote().setConditions(sourceId, conditions)
      dispatch({ type: 'combined', combined })
      countConditionsSet()
      return kept
    },
    [worker],
  )

  // The split's segments follow the sources (conditions, other sources, mode): a new list version
  // reads the table again from the worker.
  const splitActive = state.split !== null
  const splitOffset = state.split?.offset ?? 0
  useEffect(() => {
    if (!splitActive) return
    let current = true
    void worker
      .remote()
      .splitTable(splitOffset)
      .then((split) => {
        if (current) dispatch({ type: 'split', split })
      })
    return () => {
      current = false
    }
  }, [worker, state.listVersion, splitActive, splitOffset])

  const splitAnswer = useCallback((answer: Promise<SplitTableView | null>) => {
    answer.then(
      (split) => dispatch({ type: 'split', split }),
      (error: unknown) =>
        dispatch({
          type: 'splitRefused',
          sentence: isIngestError(error) ? error.sentence : errorMessage(error),
        }),
    )
  }, [])

  // One object per state: the page's memoised parts skip the renders that only the upload flow
  // needs (opening and closing the confirmation), which at 10M IDs were long main-thread tasks.
  return useMemo<IdSources>(() => {
    /** A source the page shows, by id, to name it while it is read again. */
    const shown = (sourceId: string) => state.sources.find((source) => source.sourceId === sourceId)
    const readAgain = (sourceId: string, job: ReadJob) => {
      const source = shown(sourceId)
      if (source?.status !== 'ready') return
      void read(sourceId, source.name, source.summary.sizeBytes, job)
    }
    return {
      ...state,
      readProgress,
      busy: state.sources.some((source) => source.status === 'reading'),
      addFiles: (files) => {
        void readFiles(files)
      },
      readFiles,
      addPastedText: (text) => {
        const sourceId = newSourceId()
        void read(sourceId, 'Pasted IDs', text.length, (workspace, onProgress) =>
          workspace.addText(sourceId, 'Pasted IDs', text, onProgress),
        )
      },
      addKeptList,
      cancel: (sourceId) => {
        const name = shown(sourceId)?.name ?? ''
        void worker
          .remote()
          .cancel(sourceId)
          .then((combined) => {
            // null: the reading stopped, and its add says so. Else it had ended: drop it here too.
            if (combined === null) return
            dispatch({ type: 'cancelled', sourceId, name, at: Date.now() })
            dispatch({ type: 'combined', combined })
          })
      },
      remove: (sourceId) => {
        dispatch({ type: 'removed', sourceId })
        void worker
          .remote()
          .removeSource(sourceId)
          .then((combined) => dispatch({ type: 'combined', combined }))
      },
      chooseIdColumn: (sourceId, column) =>
        readAgain(sourceId, (workspace, onProgress) =>
          workspace.chooseIdColumn(sourceId, column, onProgress),
        ),
      restoreAutomaticIdColumn: (sourceId) =>
        readAgain(sourceId, (workspace, onProgress) =>
          workspace.restoreAutomaticIdColumn(sourceId, onProgress),
        ),
      chooseSheet: (sourceId, sheet) =>
        readAgain(sourceId, (workspace, onProgress) =>
          workspace.chooseSheet(sourceId, sheet, rememberedChoices(), onProgress),
        ),
      restoreAutomaticSheet: (sourceId) =>
        readAgain(sourceId, (workspace, onProgress) =>
          workspace.restoreAutomaticSheet(sourceId, rememberedChoices(), onProgress),
        ),
      readAgainWith: async (sourceId, choice) => {
        // The worker, not this render's state, says whether the source is read: a recipe reads
        // files again that it added a moment ago, before the page rendered them.
        const { sources } = await worker.remote().current()
        const source = sources.find((summary) => summary.sourceId === sourceId)
        if (source === undefined) return null
        return read(sourceId, source.name, source.sizeBytes, (workspace, onProgress) =>
          'sheet' in choice
            ? workspace.chooseSheet(sourceId, choice.sheet, rememberedChoices(), onProgress)
            : workspace.chooseIdColumn(sourceId, choice.idColumn, onProgress),
        )
      },
      rememberUploadTag: (tag) => {
        void worker.remote().rememberUploadTag(tag).then(applyMemoryWrites)
      },
      setMode: (mode) => {
        dispatch({ type: 'modeChosen', mode })
        void worker
          .remote()
          .combine(mode)
          .then(({ combined, memory }) => {
            applyMemoryWrites(memory)
            dispatch({ type: 'combined', combined })
          })
      },
      moveUp: (sourceId) => arranged(worker.remote().moveUp(sourceId)),
      arrange: async (sourceIds, mode) => {
        dispatch({ type: 'modeChosen', mode })
        const combined = await worker.remote().arrange(sourceIds, mode)
        dispatch({ type: 'arranged', combined, recalled: false })
      },
      restoreAutomaticCombination: () => arranged(worker.remote().restoreAutomaticCombination()),
      clear: () => {
        dispatch({ type: 'cleared' })
        void worker
          .remote()
          .clear()
          .then((combined) => dispatch({ type: 'combined', combined }))
      },
      preview,
      prepareUpload: (fields) => worker.remote().prepareUpload(fields),
      requestBody: (fields) => worker.remote().requestBody(fields),
      // Transferred: a 1M-ID list's 12 MB move to the worker without a copy.
      diffAgainstKept: (kept) => worker.remote().diffAgainstKept(transfer(kept, [kept])),
      downloadIds: async (fileName, format = 'txt') =>
        downloadBlob(await worker.remote().getResultBlob(format), fileName),
      columnProfiles,
      searchColumnValues,
      setConditions,
      conditionsRevision,
      setSplit: (settings) => {
        // Another column starts its table at the top; a new prefix or pattern keeps the page.
        const shownSettings = state.split?.settings
        const same =
          settings !== null &&
          shownSettings?.sourceId === settings.sourceId &&
          shownSettings.column === settings.column
        splitAnswer(worker.remote().setSplit(settings, same ? splitOffset : 0))
      },
      editSplitSegment: (value, change) =>
        splitAnswer(worker.remote().editSplitSegment(value, change, splitOffset)),
      tickAllSplitSegments: (ticked) =>
        splitAnswer(worker.remote().tickAllSplitSegments(ticked, splitOffset)),
      showSplitPage: (offset) => splitAnswer(worker.remote().splitTable(offset)),
      prepareBatch: (fields) => worker.remote().prepareBatch(fields),
      diffSegmentAgainst: (tag, kept) =>
        worker.remote().diffSegmentAgainst(tag, transfer(kept, [kept])),
      downloadAffectedRows: async (sourceId, kind) => {
        const name = shown(sourceId)?.name ?? 'source'
        downloadBlob(
          await worker.remote().getAffectedRowsCsv(sourceId, kind),
          `${name}-${kind}-rows.csv`,
        )
      },
    }
  }, [
    state,
    worker,
    readProgress,
    read,
    arranged,
    readFiles,
    addKeptList,
    preview,
    columnProfiles,
    searchColumnValues,
    setConditions,
    conditionsRevision,
    splitAnswer,
    splitOffset,
  ])
}
