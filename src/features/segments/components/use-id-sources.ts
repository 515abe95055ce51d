import { proxy } from 'comlink'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatQuantity } from '../../../lib/format'
import { createIngestClient, type IngestClient } from '../../../lib/ingest/ingest-client'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import type { CombinedSummary, CombineMode, SourceSummary } from '../../../lib/ingest/types'
import { announce, type Announcement } from './live-announcer'
import { createReadProgressStore, type ReadProgressStore } from './read-progress'

export type SourceState =
  // Bytes read so far live in `readProgress`, so a progress tick does not re-render the page.
  | { status: 'reading'; sourceId: string; name: string; totalBytes: number }
  | { status: 'ready'; sourceId: string; name: string; summary: SourceSummary }
  | { status: 'failed'; sourceId: string; name: string; sentence: string }

interface IdSources {
  client: IngestClient
  sources: SourceState[]
  readProgress: ReadProgressStore
  mode: CombineMode
  combined: CombinedSummary | null
  /** Bumped on every change of the final list: a cache key for pages, bodies and diffs. */
  listVersion: number
  busy: boolean
  /** What reading last started or ended with, for the page's live region. */
  announcement: Announcement | null
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

function failureSentence(error: unknown, name: string): string {
  if (isIngestError(error)) return error.sentence
  return `${name} could not be read: ${error instanceof Error ? error.message : String(error)}`
}

/**
 * The page's view of the ingestion worker: one entry per source, and the combined list.
 * The IDs themselves never leave the worker except page by page.
 */
export function useIdSources(): IdSources {
  const [client] = useState(createIngestClient)
  const [readProgress] = useState(createReadProgressStore)
  const [sources, setSources] = useState<SourceState[]>([])
  const [mode, setModeState] = useState<CombineMode>('union')
  const [combined, setCombined] = useState<CombinedSummary | null>(null)
  const [listVersion, setListVersion] = useState(0)
  const [announcement, setAnnouncement] = useState<Announcement | null>(null)
  const files = useRef(new Map<string, File>())
  const modeRef = useRef<CombineMode>('union')

  useEffect(() => {
    const cancelStart = client.startWhenIdle()
    return () => {
      cancelStart()
      client.terminate()
    }
  }, [client])

  const patch = useCallback(
    (sourceId: string, next: SourceState | null) => {
      if (next?.status !== 'reading') readProgress.delete(sourceId)
      setSources((current) =>
        next === null
          ? current.filter((source) => source.sourceId !== sourceId)
          : current.map((source) => (source.sourceId === sourceId ? next : source)),
      )
    },
    [readProgress],
  )

  const recombine = useCallback(async () => {
    const summary = await client.api.combine(modeRef.current)
    setCombined(summary.perSource.length === 0 ? null : summary)
    setListVersion((version) => version + 1)
  }, [client])

  const read = useCallback(
    async (sourceId: string, name: string, job: () => Promise<SourceSummary>) => {
      setAnnouncement(announce(`Reading ${name}…`))
      try {
        const summary = await job()
        patch(sourceId, { status: 'ready', sourceId, name, summary })
        setAnnouncement(
          announce(`${name} read: ${formatQuantity(summary.uniqueIds, 'unique ID')} kept.`),
        )
      } catch (error) {
        if (isIngestError(error) && error.code === 'cancelled') {
          patch(sourceId, null)
          setAnnouncement(announce(`Reading ${name} was cancelled.`))
        } else {
          const sentence = failureSentence(error, name)
          patch(sourceId, { status: 'failed', sourceId, name, sentence })
          setAnnouncement(announce(`${name} could not be read. ${sentence}`))
        }
      }
      await recombine()
    },
    [patch, recombine],
  )

  const readFile = useCallback(
    (sourceId: string, file: File, idColumn?: number) => {
      const reading: SourceState = {
        status: 'reading',
        sourceId,
        name: file.name,
        totalBytes: file.size,
      }
      readProgress.set(sourceId, { bytesRead: 0, totalBytes: file.size })
      setSources((current) =>
        current.some((source) => source.sourceId === sourceId)
          ? current.map((source) => (source.sourceId === sourceId ? reading : source))
          : [...current, reading],
      )
      const onProgress = proxy((progress: { bytesRead: number; totalBytes: number }) => {
        readProgress.set(sourceId, {
          bytesRead: progress.bytesRead,
          totalBytes: progress.totalBytes,
        })
      })
      void read(sourceId, file.name, () =>
        client.api.addFile(sourceId, file, idColumn === undefined ? {} : { idColumn }, onProgress),
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
      setSources((current) => [
        ...current,
        { status: 'reading', sourceId, name, totalBytes: text.length },
      ])
      void read(sourceId, name, () => client.api.addText(sourceId, name, text))
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
      patch(sourceId, null)
      void client.api.removeSource(sourceId).then(recombine)
    },
    [client, patch, recombine],
  )

  const chooseIdColumn = useCallback(
    (sourceId: string, column: number) => {
      const file = files.current.get(sourceId)
      if (file) readFile(sourceId, file, column)
    },
    [readFile],
  )

  const setMode = useCallback(
    (next: CombineMode) => {
      modeRef.current = next
      setModeState(next)
      void recombine()
    },
    [recombine],
  )

  const clear = useCallback(() => {
    for (const sourceId of files.current.keys()) void client.api.removeSource(sourceId)
    files.current.clear()
    setSources([])
    void client.api.clear().then(recombine)
  }, [client, recombine])

  return {
    client,
    sources,
    readProgress,
    mode,
    combined,
    listVersion,
    busy: sources.some((source) => source.status === 'reading'),
    announcement,
    addFiles,
    addPastedText: (text) => addText('Pasted IDs', text),
    addIdList,
    cancel: (sourceId) => void client.api.cancel(sourceId),
    remove,
    chooseIdColumn,
    setMode,
    clear,
  }
}
