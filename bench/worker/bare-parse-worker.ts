// The bench's own worker (bench/vite.bench-worker.config.ts builds it next to the console):
// the page posts a File, the worker answers with measureBareParse's figures.
import { measureBareParse } from './bare-parse'

self.onmessage = async (event: MessageEvent<File>) => {
  try {
    self.postMessage({ figures: await measureBareParse(event.data) })
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) })
  }
}
