const INGEST_ERROR_CODES = [
  'cancelled',
  'empty-file',
  'excel-workbook',
  'zip-archive',
  'pdf-document',
  'image-file',
  'not-text',
  'mixed-encoding',
  'unclosed-quote',
  'row-too-long',
  'bad-column',
  'too-many-ids',
  'unknown-source',
  'no-ids',
  'invalid-request',
  'password-protected',
  'unsupported-workbook',
  'damaged-workbook',
  'workbook-bomb',
  'unsafe-workbook',
  'too-large',
  'empty-workbook',
  'bad-sheet',
] as const

/** Why an ingestion stopped; the page picks its wording from `sentence`, tests from `code`. */
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number]

/** e.g. isIngestErrorCode('cancelled') → true; isIngestErrorCode('oops') → false */
export function isIngestErrorCode(value: unknown): value is IngestErrorCode {
  return (INGEST_ERROR_CODES as readonly unknown[]).includes(value)
}

/**
 * An ingestion failure a marketer can act on; `message` is the sentence itself, so it survives
 * anything that only keeps `message`.
 * e.g. new IngestError('excel-workbook', 'report.xlsx is an Excel workbook, not a CSV file. …')
 */
export class IngestError extends Error {
  override readonly name = 'IngestError'
  readonly code: IngestErrorCode
  readonly sentence: string

  constructor(code: IngestErrorCode, sentence: string) {
    super(sentence)
    this.code = code
    this.sentence = sentence
  }
}

/** True for an IngestError, including one rebuilt on the page after crossing the worker boundary. */
export function isIngestError(error: unknown): error is IngestError {
  return error instanceof IngestError
}

/** Rejection used for every cancelled read, e.g. cancelledError('ids.csv').sentence → "Reading ids.csv was cancelled." */
export function cancelledError(name: string): IngestError {
  return new IngestError('cancelled', `Reading ${name} was cancelled.`)
}
