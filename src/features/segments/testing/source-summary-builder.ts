import type { SourceSummary } from '../worker/types'

/** A 3-row CSV read automatically from its first column; override what a test is about. */
export function aSourceSummary(overrides: Partial<SourceSummary> = {}): SourceSummary {
  return {
    sourceId: 'source-1',
    name: 'tickets.csv',
    sha256: null,
    kind: 'file',
    sizeBytes: 100,
    encoding: 'utf-8',
    layout: 'table',
    delimiter: ',',
    lineEnding: 'lf',
    hasHeader: true,
    columns: ['user_id'],
    idColumn: 0,
    automaticIdColumn: 0,
    idColumnChoice: 'automatic',
    headerSignature: null,
    workbook: null,
    rowsRead: 3,
    uniqueIds: 3,
    issues: [],
    warnings: [],
    durationMs: 1,
    ...overrides,
  }
}
