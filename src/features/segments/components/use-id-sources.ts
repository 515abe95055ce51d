import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { errorMessage } from '../../../lib/format'
import { cancelledError, isIngestError } from '../../../lib/ingest/ingest-error'
import { sheetsSignature } from '../../../lib/reading-memory'
import { idSourcesReducer, initialIdSources, type IdSourcesState } from '../domain/id-sources'
import {
  applyRememberedCombination,
  combinationKey,
  combinationMemoryChange,
  idColumnMemoryChange,
  rememberedIdColumns,
  rememberedSheets,
  sheetMemoryChange,
  type CombinedSource,
} from '../domain/remembered-reading'
import {
  createSegmentWorkerClient,
  type SegmentWorkerClient,
} from '../worker/segment-worker-client'
import type {
  AddSourceOptions,
  CombinedSummary,
  CombineMode,
  SourceAdded,
  SourceSummary,
} from '../worker/types'
import { createReadProgressStore, type ReadProgressStore } from './read-progress'
import { segmentCombinations, segmentReadings, segmentSheets } from './segment-reading-memory'

export interface IdSources extends IdSourcesState {
  client: SegmentWorkerClient
  readProgress: ReadProgressStore
  busy: boolean
  addFiles: (files: readonly File[]) => void
  addPastedText: (text: string) => void
  /** Loads a kept list (History → Restore) as a source of its own. */
  addIdList: (name: string, ids: readonly string[]) => void
  cancel: (sourceId: string) => void
  remove: (sourceId: string) => void
  /** Reads the source again from `column`, and remembers the choice for its header row. */
  chooseIdColumn: (sourceId: string, column: number) => void
  /** Forgets the remembered ID column of the source's header row and reads it automatically. */
  restoreAutomaticIdColumn: (sourceId: string) => void
  /** Reads a workbook source again from another sheet, and remembers it for its sheet names. */
  chooseSheet: (sourceId: string, sheet: number) => void
  /** Forgets the remembered sheet of the source's workbook and reads it automatically. */
  restoreAutomaticSheet: (sourceId: string) => void
  /** Remembers, for these sources' header rows, that they were combined as now for `tag`. */
  rememberUploadTag: (tag: string) => void
  setMode: (mode: CombineMode) => void
  /** Moves a source one place up in the combination (Subtract keeps the first source's IDs). */
  moveUp: (sourceId: string) => void
  /** Forgets the remembered combination: Union, in the order the sources were added. */
  restoreAutomaticCombination: () => void
  clear: () => void
}

let nextSourceNumber = 1
const newSourceId = () => `source-${nextSourceNumber++}`

/**
 * The page's view of the segments worker: one entry per source, and the combined list.
 * The IDs themselves never leave the worker except page by page, and once per upload.
 * `createClient` is for tests, which connect a worker over a MessageChannel.
 */
export function useIdSources(
  createClient: () => SegmentWorkerClient = createSegmentWorkerClient,
): IdSources {
  const [client] = useState(createClient)
  const [readProgress] = useState(createReadProgressStore)
  const [state, dispatch] = useReducer(idSourcesReducer, initialIdSources)
  // Kept to read a file again with another ID column or sheet; `automaticSheet` is the sheet
  // read when nothing was asked or remembered, so choosing it again forgets the choice.
  const files = useRef(new Map<string, { file: File; sheet?: number; automaticSheet?: number }>())
  // What each source read says, for the memory of its header row; the order sources were added.
  const summaries = useRef(new Map<string, SourceSummary>())
  const added = useRef<string[]>([])
  const readsInFlight = useRef(0)
  // Cancel pressed while the worker was already done: its answer is on the way and must not count.
  const cancelled = useRef(new Set<string>())

  useEffect(() => {
    const cancelStart = client.startWhenIdle()
    return () => {
      cancelStart()
      client.terminate()
    }
  }, [client])

  const combinedSources = useCallback(
    (combined: CombinedSummary): CombinedSource[] =>
      combined.perSource.map(({ sourceId, name }) => ({
        sourceId,
        name,
        signature: summaries.current.get(sourceId)?.headerSignature ?? null,
      })),
    [],
  )

  // Once every source is read: the combination remembered for their header rows, if any.
  const recallCombination = useCallback(async () => {
    const combined = await client.combine()
    const sources = combinedSources(combined)
    const key = combinationKey(sources.map((source) => source.signature))
    const remembered = key === null ? null : segmentCombinations.recall(key)
    if (remembered === null) return
    const arrangement = applyRememberedCombination(remembered, combined.mode, sources)
    // Combined that way already: worth a line only to say which segment the files fed last time.
    if (arrangement === null && remembered.tag === undefined) return
    const arranged =
      arrangement === null ? combined : await client.arrange(arrangement.order, arrangement.mode)
    dispatch({ type: 'arranged', combined: arranged, recalled: true, tag: remembered.tag })
  }, [client, combinedSources])

  const rememberCombination = useCallback(
    (combined: CombinedSummary) => {
      const change = combinationMemoryChange(combined.mode, combinedSources(combined))
      if (change?.choice === null) segmentCombinations.forget(change.key)
      else if (change) segmentCombinations.remember(change.key, change.choice)
    },
    [combinedSources],
  )

  const read = useCallback(
    async (sourceId: string, name: string, totalBytes: number, job: () => Promise<SourceAdded>) => {
      dispatch({ type: 'reading', sourceId, name, totalBytes, at: Date.now() })
      if (!added.current.includes(sourceId)) added.current.push(sourceId)
      cancelled.current.delete(sourceId)
      readsInFlight.current += 1
      try {
        const { source, combined } = await job()
        if (cancelled.current.has(sourceId)) {
          await client.removeSource(sourceId)
          throw cancelledError(name)
        }
        summaries.current.set(sourceId, source)
        const kept = files.current.get(sourceId)
        if (kept && kept.sheet === undefined && source.workbook?.sheetRemembered === false) {
          kept.automaticSheet = source.workbook.sheet
        }
        dispatch({ type: 'read', source, combined, at: Date.now() })
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
        dispatch({ type: 'combined', combined: await client.combine() })
      } finally {
        cancelled.current.delete(sourceId)
        readProgress.delete(sourceId)
        readsInFlight.current -= 1
      }
      if (readsInFlight.current === 0) await recallCombination()
    },
    [client, readProgress, recallCombination],
  )

  const readFile = useCallback(
    (sourceId: string, file: File, options: AddSourceOptions) => {
      readProgress.set(sourceId, { bytesRead: 0, totalBytes: file.size })
      void read(sourceId, file.name, file.size, () =>
        client.addFile(sourceId, file, options, ({ bytesRead, totalBytes }) =>
          readProgress.set(sourceId, { bytesRead, totalBytes }),
        ),
      )
    },
    [client, read, readProgress],
  )

  const addFiles = useCallback(
    (dropped: readonly File[]) => {
      const remembered = {
        rememberedIdColumns: rememberedIdColumns(segmentReadings.entries()),
        rememberedSheets: rememberedSheets(segmentSheets.entries()),
      }
      for (const file of dropped) {
        const sourceId = newSourceId()
        files.current.set(sourceId, { file })
        readFile(sourceId, file, remembered)
      }
    },
    [readFile],
  )

  const addText = useCallback(
    (name: string, text: string) => {
      const sourceId = newSourceId()
      void read(sourceId, name, text.length, () => client.addText(sourceId, name, text))
    },
    [client, read],
  )

  const addIdList = useCallback(
    (name: string, ids: readonly string[]) => addText(name, ids.join('\n')),
    [addText],
  )

  const remove = useCallback(
    (sourceId: string) => {
      files.current.delete(sourceId)
      summaries.current.delete(sourceId)
      added.current = added.current.filter((id) => id !== sourceId)
      dispatch({ type: 'removed', sourceId })
      void client
        .removeSource(sourceId)
        .then((combined) => dispatch({ type: 'combined', combined }))
    },
    [client],
  )

  const chooseIdColumn = useCallback(
    (sourceId: string, column: number) => {
      const kept = files.current.get(sourceId)
      const summary = summaries.current.get(sourceId)
      if (kept === undefined) return
      const change = summary === undefined ? null : idColumnMemoryChange(summary, column)
      if (change?.choice === null) segmentReadings.forget(change.signature)
      else if (change) segmentReadings.remember(change.signature, change.choice)
      readFile(sourceId, kept.file, { idColumn: column, sheet: kept.sheet })
    },
    [readFile],
  )

  const restoreAutomaticIdColumn = useCallback(
    (sourceId: string) => {
      const kept = files.current.get(sourceId)
      const signature = summaries.current.get(sourceId)?.headerSignature
      if (signature) segmentReadings.forget(signature)
      if (kept) readFile(sourceId, kept.file, { sheet: kept.sheet })
    },
    [readFile],
  )

  const chooseSheet = useCallback(
    (sourceId: string, sheet: number) => {
      const kept = files.current.get(sourceId)
      const workbook = summaries.current.get(sourceId)?.workbook
      if (!kept) return
      const change = workbook ? sheetMemoryChange(workbook, kept.automaticSheet, sheet) : null
      if (change?.choice === null) segmentSheets.forget(change.signature)
      else if (change) segmentSheets.remember(change.signature, change.choice)
      files.current.set(sourceId, { ...kept, sheet })
      readFile(sourceId, kept.file, {
        sheet,
        rememberedIdColumns: rememberedIdColumns(segmentReadings.entries()),
      })
    },
    [readFile],
  )

  const restoreAutomaticSheet = useCallback(
    (sourceId: string) => {
      const kept = files.current.get(sourceId)
      const workbook = summaries.current.get(sourceId)?.workbook
      if (!kept || !workbook) return
      segmentSheets.forget(sheetsSignature(workbook.sheets.map((sheet) => sheet.name)))
      files.current.set(sourceId, { file: kept.file })
      readFile(sourceId, kept.file, {
        rememberedIdColumns: rememberedIdColumns(segmentReadings.entries()),
      })
    },
    [readFile],
  )

  const rememberUploadTag = useCallback(
    (tag: string) => {
      void client.combine().then((combined) => {
        const change = combinationMemoryChange(combined.mode, combinedSources(combined), tag)
        if (change?.choice) segmentCombinations.remember(change.key, change.choice)
      })
    },
    [client, combinedSources],
  )

  const setMode = useCallback(
    (mode: CombineMode) => {
      dispatch({ type: 'modeChosen', mode })
      void client.combine(mode).then((combined) => {
        rememberCombination(combined)
        dispatch({ type: 'combined', combined })
      })
    },
    [client, rememberCombination],
  )

  const moveUp = useCallback(
    (sourceId: string) => {
      void client.combine().then(async (current) => {
        const order = current.perSource.map((source) => source.sourceId)
        const at = order.indexOf(sourceId)
        if (at < 1) return
        order.splice(at - 1, 2, sourceId, order[at - 1] as string)
        const combined = await client.arrange(order)
        rememberCombination(combined)
        dispatch({ type: 'arranged', combined, recalled: false })
      })
    },
    [client, rememberCombination],
  )

  const restoreAutomaticCombination = useCallback(() => {
    void client.combine().then(async (current) => {
      const key = combinationKey(combinedSources(current).map((source) => source.signature))
      if (key !== null) segmentCombinations.forget(key)
      const combined = await client.arrange(added.current, 'union')
      dispatch({ type: 'arranged', combined, recalled: false })
    })
  }, [client, combinedSources])

  const clear = useCallback(() => {
    files.current.clear()
    summaries.current.clear()
    added.current = []
    dispatch({ type: 'cleared' })
    void client.clear().then((combined) => dispatch({ type: 'combined', combined }))
  }, [client])

  return {
    ...state,
    client,
    readProgress,
    busy: state.sources.some((source) => source.status === 'reading'),
    addFiles,
    addPastedText: (text) => addText('Pasted IDs', text),
    addIdList,
    cancel: (sourceId) => {
      cancelled.current.add(sourceId)
      void client.cancel(sourceId)
    },
    remove,
    chooseIdColumn,
    restoreAutomaticIdColumn,
    chooseSheet,
    restoreAutomaticSheet,
    rememberUploadTag,
    setMode,
    moveUp,
    restoreAutomaticCombination,
    clear,
  }
}
