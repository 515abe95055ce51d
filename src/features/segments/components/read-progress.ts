// Byte progress of the sources being read, kept outside React state so that a progress tick
// re-renders only the progress bar of that source, not the whole Segments page.
import { useCallback, useSyncExternalStore } from 'react'

export interface ReadProgress {
  bytesRead: number
  totalBytes: number
}

export interface ReadProgressStore {
  get: (sourceId: string) => ReadProgress | undefined
  set: (sourceId: string, progress: ReadProgress) => void
  delete: (sourceId: string) => void
  subscribe: (sourceId: string, listener: () => void) => () => void
}

/**
 * A store of read progress per source that notifies only that source's listeners.
 * e.g. store.set("source-1", { bytesRead: 10, totalBytes: 40 }); store.get("source-1") → { bytesRead: 10, totalBytes: 40 }
 */
export function createReadProgressStore(): ReadProgressStore {
  const progress = new Map<string, ReadProgress>()
  const listeners = new Map<string, Set<() => void>>()
  const notify = (sourceId: string) => {
    for (const listener of listeners.get(sourceId) ?? []) listener()
  }
  return {
    get: (sourceId) => progress.get(sourceId),
    set: (sourceId, next) => {
      progress.set(sourceId, next)
      notify(sourceId)
    },
    delete: (sourceId) => {
      if (progress.delete(sourceId)) notify(sourceId)
    },
    subscribe: (sourceId, listener) => {
      const forSource = listeners.get(sourceId) ?? new Set()
      forSource.add(listener)
      listeners.set(sourceId, forSource)
      return () => {
        forSource.delete(listener)
        if (forSource.size === 0) listeners.delete(sourceId)
      }
    },
  }
}

/** The latest read progress of one source; re-renders only its caller on a tick. */
export function useReadProgress(
  store: ReadProgressStore,
  sourceId: string,
): ReadProgress | undefined {
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(sourceId, listener),
    [store, sourceId],
  )
  const getSnapshot = useCallback(() => store.get(sourceId), [store, sourceId])
  return useSyncExternalStore(subscribe, getSnapshot)
}
