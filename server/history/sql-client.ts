/** What the history store needs from a database: parameterised queries, transactions, closing. */
export interface SqlQueryable {
  /** Runs one statement with $1… placeholders; values are sent apart from the text, never spliced in. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>
}

export interface SqlClient extends SqlQueryable {
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A bytea column as a Buffer: node-postgres returns a Buffer, PGlite a Uint8Array. */
export function asBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.length)
  throw new TypeError('expected a bytea value')
}

/** A timestamptz column as ISO text, e.g. Date(2026-12-01T09:12Z) → '2026-12-01T09:12:00.000Z'. */
export function asIsoTime(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString()
}
