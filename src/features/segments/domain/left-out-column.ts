import type { CombineMode } from '../worker/types'

export interface LeftOutColumn {
  /** The column's heading: what its counts are, under this operation. */
  header: string
  /** The cell of the source at `position` (0 = first) that left out `removed` IDs. */
  cell: (position: number, removed: number) => number | null
}

/**
 * Names what the combine table's third column counts, which differs by operation (see
 * `combineIdLists`): under Union a source loses the IDs an earlier source already gave, under
 * Intersection every source loses the IDs some other source lacks, and under Subtract only the
 * first source loses IDs; the sources after it are what is taken away, so they have no count.
 * e.g. 'union' → "Already in an earlier source"; 'subtract', second source → null
 */
export function leftOutColumn(mode: CombineMode): LeftOutColumn {
  switch (mode) {
    case 'union':
      return { header: 'Already in an earlier source', cell: (_position, removed) => removed }
    case 'intersection':
      return { header: 'Not in every source', cell: (_position, removed) => removed }
    case 'subtract':
      return {
        header: 'Removed: also in a later source',
        cell: (position, removed) => (position === 0 ? removed : null),
      }
  }
}
