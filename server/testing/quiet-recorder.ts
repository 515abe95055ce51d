import type { HistoryStore } from '../history/history-store.ts'
import { HistoryRecorder } from '../history/recorder.ts'

/**
 * The HistoryRecorder the server's tests put around a store: ten lists kept, no scope claim,
 * warnings dropped, FanPass named `host` (its history host the same, over http).
 * e.g. quietRecorder(store, dataDir, 'sandbox') → fanpassHost 'sandbox', historyHost 'http://sandbox'
 */
export function quietRecorder(
  store: HistoryStore,
  dataDir: string,
  host = 'fanpass.test',
): HistoryRecorder {
  return new HistoryRecorder({
    store: async () => store,
    dataDir,
    keepLists: 10,
    scopeClaim: undefined,
    fanpassHost: host,
    historyHost: `http://${host}`,
    warn: () => undefined,
  })
}
