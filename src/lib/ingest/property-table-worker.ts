import { expose } from 'comlink'
import { installIngestErrorTransfer } from './ingest-error-transfer'
import { readPropertyTable, type PropertyTable } from './read-property-table'

async function* fileChunks(file: Blob): AsyncGenerator<Uint8Array> {
  // getReader rather than for-await over the stream: Safari's ReadableStream is not iterable.
  const reader = file.stream().getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    reader.releaseLock()
  }
}

const api = {
  /** Reads a properties CSV off the page's thread; `onProgress` must be wrapped in comlink's proxy(). */
  read(
    file: File,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
  ): Promise<PropertyTable> {
    return readPropertyTable(fileChunks(file), {
      name: file.name,
      totalBytes: file.size,
      onProgress,
    })
  },
}

export type PropertyTableWorkerApi = typeof api

installIngestErrorTransfer()
expose(api)
