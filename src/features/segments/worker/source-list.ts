// The Segments sources in the worker: what was given for each, each one read (with its rows), the
// readings under way, and their order (the combination's, and the order they were added in).
import { IngestError, isIngestError } from '../../../lib/ingest/ingest-error'
import type { CombinedSource } from '../domain/remembered-reading'
import type { RowsBySource } from './rows/rows-by-source'
import type { ReadOptions, SourceEntry, SourceInput, SourceReader } from './source-reading'
import type { ProgressCallback } from './types'

function unknownSource(): IngestError {
  return new IngestError('unknown-source', 'That source is no longer in the list; add it again.')
}

/**
 * Sources by ID, in the order the page added them (or arranged them): they are combined in this
 * order, not in the order their readings happen to finish, since Subtract takes the first.
 */
export class SourceList {
  private readonly reader: SourceReader
  private readonly rows: RowsBySource
  /** Told whenever the sources read, their lists or their order change. */
  private readonly changed: () => void
  private sources: SourceEntry[] = []
  private readonly inputs = new Map<string, SourceInput>()
  private order: string[] = []
  /** Source IDs in the order they were added: the automatic combination's order. */
  private added: string[] = []
  private readonly reading = new Map<string, AbortController>()

  constructor(reader: SourceReader, rows: RowsBySource, changed: () => void) {
    this.reader = reader
    this.rows = rows
    this.changed = changed
  }

  /** The sources read, in the combination's order. */
  get entries(): readonly SourceEntry[] {
    return this.sources
  }

  /** Source IDs in the order they were added. */
  get addedOrder(): readonly string[] {
    return this.added
  }

  get isReading(): boolean {
    return this.reading.size > 0
  }

  has(sourceId: string): boolean {
    return this.sources.some((entry) => entry.summary.sourceId === sourceId)
  }

  entry(sourceId: string): SourceEntry {
    const entry = this.sources.find((candidate) => candidate.summary.sourceId === sourceId)
    if (entry === undefined) throw unknownSource()
    return entry
  }

  input(sourceId: string): SourceInput {
    const input = this.inputs.get(sourceId)
    if (input === undefined) throw unknownSource()
    return input
  }

  setInput(sourceId: string, input: SourceInput): void {
    this.inputs.set(sourceId, input)
  }

  /**
   * Reads source `sourceId` from its kept input; one already in the list leaves it now, whatever
   * happens next, and comes back in its place. A stopped reading takes its source with it.
   */
  async read(
    sourceId: string,
    options: ReadOptions,
    onProgress: ProgressCallback | undefined,
  ): Promise<SourceEntry> {
    this.reading.get(sourceId)?.abort()
    const source = this.input(sourceId)
    if (!this.order.includes(sourceId)) this.order.push(sourceId)
    if (!this.added.includes(sourceId)) this.added.push(sourceId)
    const position = this.sources.findIndex((entry) => entry.summary.sourceId === sourceId)
    if (position !== -1) {
      this.sources.splice(position, 1)
      this.changed()
    }
    const controller = new AbortController()
    this.reading.set(sourceId, controller)
    try {
      const { entry, table } = await this.reader.read(
        sourceId,
        source,
        options,
        controller.signal,
        onProgress,
      )
      const { workbook } = entry.summary
      if (source.sheet === undefined && workbook?.sheetRemembered === false) {
        source.automaticSheet = workbook.sheet
      }
      this.rows.keep(sourceId, table, entry.summary.name, entry.ids.length)
      this.sources.push(entry)
      this.sortByOrder()
      this.changed()
      return entry
    } catch (error) {
      // A stopped reading takes its source with it; a failed one stays, to be removed or retried.
      // (Unless a newer reading of it took over: that one decides.)
      const current = this.reading.get(sourceId) === controller
      if (current && isIngestError(error) && error.code === 'cancelled') this.forget(sourceId)
      throw error
    } finally {
      if (this.reading.get(sourceId) === controller) this.reading.delete(sourceId)
    }
  }

  /** Stops a source's reading; false when none was under way. */
  stopReading(sourceId: string): boolean {
    const controller = this.reading.get(sourceId)
    controller?.abort()
    return controller !== undefined
  }

  /** Puts the sources in the order of `sourceIds`; any not named keep their place after them. */
  arrange(sourceIds: readonly string[]): void {
    const named = new Set(sourceIds)
    this.order = [...sourceIds, ...this.order.filter((id) => !named.has(id))]
    this.sortByOrder()
    this.changed()
  }

  /** Drops everything about a source, stopping its reading. */
  remove(sourceId: string): void {
    this.stopReading(sourceId)
    this.forget(sourceId)
  }

  /** Stops every reading and drops every source. */
  clear(): void {
    for (const controller of this.reading.values()) controller.abort()
    this.sources = []
    this.inputs.clear()
    this.rows.clear()
    this.order = []
    this.added = []
    this.changed()
  }

  /** The sources as the combination memory sees them: by their header rows. */
  combinedSources(): CombinedSource[] {
    return this.sources.map(({ summary }) => ({
      sourceId: summary.sourceId,
      name: summary.name,
      signature: summary.headerSignature,
    }))
  }

  /** Drops everything about a source. */
  private forget(sourceId: string): void {
    const before = this.sources.length
    this.sources = this.sources.filter((entry) => entry.summary.sourceId !== sourceId)
    this.inputs.delete(sourceId)
    this.rows.forget(sourceId)
    this.order = this.order.filter((id) => id !== sourceId)
    this.added = this.added.filter((id) => id !== sourceId)
    if (this.sources.length !== before) this.changed()
  }

  private sortByOrder(): void {
    const rank = new Map(this.order.map((id, index) => [id, index]))
    const last = this.order.length
    this.sources.sort(
      (a, b) => (rank.get(a.summary.sourceId) ?? last) - (rank.get(b.summary.sourceId) ?? last),
    )
  }
}
