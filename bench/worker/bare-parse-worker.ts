// The bench's own worker (bench/vite.bench-worker.config.ts builds it next to the console): the
// page posts a File and how to read it (protocol.ts), the worker answers with that reading's
// figures (bare-parse.ts: papaparse, the ingest floor; udsv-parse.ts: the parser it is compared
// with; byte-scan.ts: the tightest reader we could write, the CSV card's lower bound).
import { measureBareParse } from './bare-parse'
import { measureByteScan } from './byte-scan'
import type {
  BareParseFigures,
  BareParser,
  BenchWorkerAnswer,
  BenchWorkerRequest,
  ByteScanFigures,
} from './protocol'
import { measureUdsvParse } from './udsv-parse'

const PARSES: Record<BareParser, (file: File) => Promise<BareParseFigures>> = {
  papaparse: measureBareParse,
  udsv: measureUdsvParse,
}

function measure(request: BenchWorkerRequest): Promise<BareParseFigures | ByteScanFigures> {
  return 'parser' in request
    ? PARSES[request.parser](request.file)
    : measureByteScan(request.file, request.byteScan)
}

self.onmessage = async (event: MessageEvent<BenchWorkerRequest>) => {
  let answer: BenchWorkerAnswer
  try {
    answer = { figures: await measure(event.data) }
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) }
  }
  self.postMessage(answer)
}
