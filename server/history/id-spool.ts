import { createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { idLine } from './id-buckets.ts'

const BATCH_CHARS = 64 * 1024

/** Why a list was not kept: the disk fell behind the upload, or refused to write it. */
export type SpoolTrouble =
  { kind: 'lagging'; lagBytes: number } | { kind: 'disk-error'; code: string | undefined }

/**
 * The ID list of one segment upload, written to a file in DATA_DIR as it streams by, one
 * escaped ID a line (id-buckets.ts), in batches, so the upload is never held back by the disk.
 * Past `lagLimitBytes` waiting in memory, or once the disk refuses a write (full, read-only,
 * removed), the list is given up on: the console's memory stays bounded, the upload goes on
 * and the record is still written, only without its list.
 * e.g. add('12'), add('0012'), close() → true, the file reads '12\n0012\n'.
 */
export class IdSpool {
  private stream: WriteStream | undefined
  private batch: string[] = []
  private batchChars = 0
  private givenUp = false
  private closed = false

  constructor(
    readonly path: string,
    private readonly lagLimitBytes: number,
    private readonly onGivenUp: (trouble: SpoolTrouble) => void,
  ) {}

  /** Whether the list was given up on because the disk fell behind or failed. */
  get abandoned(): boolean {
    return this.givenUp
  }

  add(userId: string): void {
    // FanPass may answer (and the list be closed and discarded) while the body is still
    // arriving: an ID read after that would open a new file nobody closes or removes, an open
    // handle and bytes counted against SPOOL_BUDGET_BYTES for ever.
    if (this.givenUp || this.closed) return
    const line = `${idLine(userId)}\n`
    this.batch.push(line)
    this.batchChars += line.length
    if (this.batchChars >= BATCH_CHARS) this.flush()
  }

  /** Writes what is left and closes the file; false when no complete list was written. */
  async close(): Promise<boolean> {
    this.flush()
    this.closed = true
    const stream = this.stream
    if (!stream) return false
    if (!stream.destroyed) stream.end()
    // A refused write destroys the stream at once but emits its 'error' only once the file is
    // closed: waiting for the close, and asking the stream itself, counts a refusal still on its
    // way, so a list the disk cut short is never called complete (and kept as the tag's version).
    await finished(stream).catch(() => undefined)
    return !this.givenUp && stream.errored === null
  }

  /** Removes the file, once the list is not to be kept; a disk that refuses is not the upload's problem. */
  async discard(): Promise<void> {
    await rm(this.path, { force: true }).catch(() => undefined)
  }

  private giveUp(trouble: SpoolTrouble): void {
    if (this.givenUp) return
    this.givenUp = true
    this.batch = []
    this.batchChars = 0
    this.onGivenUp(trouble)
  }

  private flush(): void {
    if (this.batch.length === 0 || this.givenUp) return
    if (!this.stream) {
      // 0600: the list holds fan IDs, which nobody else on the machine has to read.
      this.stream = createWriteStream(this.path, { mode: 0o600 })
      // Without a listener, a full, read-only or removed DATA_DIR would crash the console
      // mid-upload; instead the list is given up on and the upload goes on.
      this.stream.on('error', (error: NodeJS.ErrnoException) => {
        this.giveUp({ kind: 'disk-error', code: error.code })
      })
    }
    if (this.stream.destroyed) return
    this.stream.write(this.batch.join(''))
    this.batch = []
    this.batchChars = 0
    // Waiting for the disk would hold the upload back, and buffering without end would grow
    // the console's memory with the list: past the limit the list is not kept.
    if (this.stream.writableLength > this.lagLimitBytes) {
      const lagBytes = this.stream.writableLength
      this.giveUp({ kind: 'lagging', lagBytes })
      this.stream.destroy()
    }
  }
}
