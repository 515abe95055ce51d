import { transferHandlers, type TransferHandler } from 'comlink'
import { IngestError, isIngestErrorCode } from './ingest-error'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

let installed = false

/**
 * Lets an IngestError keep its `code` and `sentence` across the worker boundary: comlink's own
 * handler sends only message, name and stack and rebuilds a plain Error. Call it on both sides.
 * e.g. worker throws IngestError('excel-workbook', …) → the page's await rejects with an IngestError.
 */
export function installIngestErrorTransfer(): void {
  const builtIn = transferHandlers.get('throw')
  if (installed || builtIn === undefined) return
  installed = true
  const handler: TransferHandler<unknown, unknown> = {
    canHandle: (value: unknown): value is unknown => builtIn.canHandle(value),
    serialize(value) {
      const [serialized, transferables] = builtIn.serialize(value)
      const thrown = isRecord(value) ? value.value : undefined
      if (thrown instanceof IngestError && isRecord(serialized) && isRecord(serialized.value)) {
        serialized.value.code = thrown.code
        serialized.value.sentence = thrown.sentence
      }
      return [serialized, transferables]
    },
    deserialize(serialized) {
      const value = isRecord(serialized) && serialized.isError === true ? serialized.value : null
      if (
        isRecord(value) &&
        value.name === 'IngestError' &&
        isIngestErrorCode(value.code) &&
        typeof value.sentence === 'string'
      ) {
        throw new IngestError(value.code, value.sentence)
      }
      return builtIn.deserialize(serialized)
    },
  }
  transferHandlers.set('throw', handler)
}
