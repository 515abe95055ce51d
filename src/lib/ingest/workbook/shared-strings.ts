/** Strings joined into one flat block at a time. */
const BLOCK_STRINGS = 4096

/**
 * A workbook's shared-strings table, kept compact: every 4,096 strings are joined into one flat
 * string with their offsets, so a table of millions costs its characters and 4 bytes each, and
 * holds no reference to the XML text they were cut from.
 * e.g. add("0012"), add("Gold") → get(1) → "Gold"
 */
export class SharedStrings {
  private readonly blocks: { text: string; ends: Uint32Array }[] = []
  private pending: string[] = []
  private chars = 0
  count = 0

  /** Characters held so far. */
  get size(): number {
    return this.chars
  }

  add(text: string): void {
    this.pending.push(text)
    this.chars += text.length
    this.count++
    if (this.pending.length === BLOCK_STRINGS) this.seal()
  }

  /** The string at `index`, or '' for an index the table does not have. */
  get(index: number): string {
    const blockIndex = Math.floor(index / BLOCK_STRINGS)
    const within = index % BLOCK_STRINGS
    if (blockIndex === this.blocks.length) return this.pending[within] ?? ''
    const block = this.blocks[blockIndex]
    if (block === undefined || within >= block.ends.length) return ''
    const start = within === 0 ? 0 : (block.ends[within - 1] as number)
    return block.text.slice(start, block.ends[within])
  }

  private seal(): void {
    const ends = new Uint32Array(this.pending.length)
    let end = 0
    this.pending.forEach((text, i) => {
      end += text.length
      ends[i] = end
    })
    this.blocks.push({ text: this.pending.join(''), ends })
    this.pending = []
  }
}
