// The bench's own worker (bench/vite.bench-worker.config.ts builds it next to the console): the
// page posts a File and the parser to read it with, the worker answers with that bare parse's
// figures (bare-parse.ts: papaparse, the ingest floor; udsv-parse.ts: the parser it is compared with).
import { measureBareParse, type BareParseFigures } from './bare-parse'
import { measureUdsvParse } from './udsv-parse'

type BareParser = 'papaparse' | 'udsv'

interface BareParseRequest {
  file: File
  parser: BareParser
}

const MEASURES: Record<BareParser, (file: File) => Promise<BareParseFigures>> = {
  papaparse: measureBareParse,
  udsv: measureUdsvParse,
}

self.onmessage = async (event: MessageEvent<BareParseRequest>) => {
  try {
    self.postMessage({ figures: await MEASURES[event.data.parser](event.data.file) })
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) })
  }
}
