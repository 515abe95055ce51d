import { expose } from 'comlink'
import { blobChunks } from './blob-chunks'
import { installIngestErrorTransfer } from './ingest-error-transfer'
import { readPropertyTable, type PropertyTable } from './read-property-table'

const api = {
  /** Reads a properties CSV off the page's thread; `onProgress` must be wrapped in comlink's proxy(). */
  read(
    file: File,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
  ): Promise<PropertyTable> {
    return readPropertyTable(blobChunks(file), {
      name: file.name,
      totalBytes: file.size,
      onProgress,
    })
  },
}

export type PropertyTableWorkerApi = typeof api

installIngestErrorTransfer()
expose(api)
