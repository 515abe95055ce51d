// A table's cells as one string and two arrays of offsets, for posting rows from a worker to the
// page: the page clones arrays of strings cell by cell on its own thread, while one string and
// two transferred arrays arrive at once (docs/performance.md).

export interface PackedRows {
  /** Every cell, one after another. */
  text: string
  /** Where each cell ends in `text`. */
  cellEnds: Int32Array
  /** How many cells there are up to the end of each row. */
  rowEnds: Int32Array
}

/** Reads rows one at a time, only those the page shows. */
export interface RowReader {
  readonly count: number
  row(index: number): readonly string[]
}

/**
 * Packs rows of cells (rows may differ in length).
 * @example packRows([['7', 'Gold'], ['8']]) // → { text: '7Gold8', cellEnds: [1, 5, 6], rowEnds: [2, 3] }
 */
export function packRows(rows: readonly (readonly string[])[]): PackedRows {
  const rowEnds = new Int32Array(rows.length)
  let cells = 0
  rows.forEach((row, index) => {
    cells += row.length
    rowEnds[index] = cells
  })
  const cellEnds = new Int32Array(cells)
  const parts: string[] = []
  let length = 0
  let cell = 0
  for (const row of rows) {
    for (const value of row) {
      parts.push(value)
      length += value.length
      cellEnds[cell] = length
      cell += 1
    }
  }
  return { text: parts.join(''), cellEnds, rowEnds }
}

/**
 * Reads packed rows back, cutting out only the row asked for.
 * @example readPackedRows(packRows([['7', 'Gold'], ['8']])).row(0) // → ['7', 'Gold']
 */
export function readPackedRows({ text, cellEnds, rowEnds }: PackedRows): RowReader {
  return {
    count: rowEnds.length,
    row(index) {
      if (index < 0 || index >= rowEnds.length) return []
      const first = index === 0 ? 0 : (rowEnds[index - 1] as number)
      const end = rowEnds[index] as number
      const cells: string[] = []
      for (let cell = first; cell < end; cell += 1) {
        const start = cell === 0 ? 0 : (cellEnds[cell - 1] as number)
        cells.push(text.slice(start, cellEnds[cell]))
      }
      return cells
    },
  }
}
