import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { errorMessage } from '../../../lib/format'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import { idSourcesReducer, initialIdSources, type IdSourcesState } from '../domain/id-sources'
import {
  createSegmentWorkerClient,
  type SegmentWorkerClient,
} from '../worker/segment-worker-client'
import type { CombineMode, SourceAdded } from '../worker/types'
import { createReadProgressStore, type ReadProgressStore } from './read-progress'

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
  chooseIdColumn: (sourceId: string, column: number) => void
  setMode: (mode: CombineMode) => void
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
  // Kept to read a file again with another ID column.
  const files = useRef(new Map<string, File>())

  useEffect(() => {
    const cancelStart = client.startWhenIdle()
    return () => {
      cancelStart()
      client.terminate()
    }
  }, [client])

  const read = useCallback(
    async (sourceId: string, name: string, totalBytes: number, job: () => Promise<SourceAdded>) => {
      dispatch({ type: 'reading', sourceId, name, totalBytes, at: Date.now() })
      try {
        const { source, combined } = await job()
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
        readProgress.delete(sourceId)
      }
    },
    [client, readProgress],
  )

  const readFile = useCallback(
    (sourceId: string, file: File, idColumn?: number) => {
      readProgress.set(sourceId, { bytesRead: 0, totalBytes: file.size })
      void read(sourceId, file.name, file.size, () =>
        client.addFile(sourceId, file, idColumn, ({ bytesRead, totalBytes }) =>
          readProgress.set(sourceId, { bytesRead, totalBytes }),
        ),
      )
    },
    [client, read, readProgress],
  )

  const addFiles = useCallback(
    (dropped: readonly File[]) => {
      for (const file of dropped) {
        const sourceId = newSourceId()
        files.current.set(sourceId, file)
        readFile(sourceId, file)
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
      dispatch({ type: 'removed', sourceId })
      void client
        .removeSource(sourceId)
        .then((combined) => dispatch({ type: 'combined', combined }))
    },
    [client],
  )

  const chooseIdColumn = useCallback(
    (sourceId: string, column: number) => {
      const file = files.current.get(sourceId)
      if (file) readFile(sourceId, file, column)
    },
    [readFile],
  )

  const setMode = useCallback(
    (mode: CombineMode) => {
      dispatch({ type: 'modeChosen', mode })
      void client.combine(mode).then((combined) => dispatch({ type: 'combined', combined }))
    },
    [client],
  )

  const clear = useCallback(() => {
    files.current.clear()
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
    cancel: (sourceId) => void client.cancel(sourceId),
    remove,
    chooseIdColumn,
    setMode,
    clear,
  }
}
