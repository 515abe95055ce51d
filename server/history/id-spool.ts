import { createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { idLine } from './id-buckets.ts'

const BATCH_CHARS = 64 * 1024

/**
 * The ID list of one segment upload, written to a file in DATA_DIR as it streams by, one
 * escaped ID a line (id-buckets.ts), in batches, so the upload is never held back by the disk.
 * Past `lagLimitBytes` waiting in memory the list is given up on: the console's memory stays
 * bounded and the record is still written, only without its list.
 * e.g. add('12'), add('0012'), close() → true, the file reads '12\n0012\n'.
 */
export class IdSpool {
  private stream: WriteStream | undefined
  private batch: string[] = []
  private batchChars = 0
  private givenUp = false

  constructor(
    readonly path: string,
    private readonly lagLimitBytes: number,
    private readonly onGivenUp: (lagBytes: number) => void,
  ) {}

  /** Whether the list was given up on because the disk fell behind. */
  get abandoned(): boolean {
    return this.givenUp
  }

  add(userId: string): void {
    if (this.givenUp) return
    const line = `${idLine(userId)}\n`
    this.batch.push(line)
    this.batchChars += line.length
    if (this.batchChars >= BATCH_CHARS) this.flush()
  }

  /** Writes what is left and closes the file; false when no ID was ever written. */
  async close(): Promise<boolean> {
    this.flush()
    const stream = this.stream
    if (!stream) return false
    await new Promise<void>((resolve, reject) => {
      stream.end(() => resolve())
      stream.once('error', reject)
    })
    return true
  }

  /** Removes the file, once the list is not to be kept. */
  async discard(): Promise<void> {
    await rm(this.path, { force: true })
  }

  private flush(): void {
    if (this.batch.length === 0) return
    this.stream ??= createWriteStream(this.path)
    this.stream.write(this.batch.join(''))
    this.batch = []
    this.batchChars = 0
    // Waiting for the disk would hold the upload back, and buffering without end would grow
    // the console's memory with the list: past the limit the list is not kept.
    if (this.stream.writableLength > this.lagLimitBytes) {
      this.givenUp = true
      this.onGivenUp(this.stream.writableLength)
    }
  }
}
