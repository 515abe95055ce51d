// The bulk page's column mapping: the one remembered for the file's header row, else the
// automatic one, and every change the marketer makes remembered for the next such file.
import { useState } from 'react'
import { headerSignature } from '../../../lib/reading-memory'
import { defaultMapping, type TableMapping } from '../domain/property-table'
import { mappingToRemember, recalledMapping } from '../domain/remembered-mapping'
import { propertyMappings } from '../memory/property-mapping-memory'
import type { PropertyTable } from '../worker/read-property-table'

type TableHeader = Pick<PropertyTable, 'columns' | 'suggestedIdColumn'>

interface MappingState {
  mapping: TableMapping
  automatic: TableMapping
  signature: string
  /** True while the mapping is the one remembered for this header row, untouched. */
  recalled: boolean
}

export interface TableMappingState {
  mapping: TableMapping | null
  recalled: boolean
  /** A file was opened: its remembered mapping if there is one, else the automatic one. */
  open(table: TableHeader): void
  /** The marketer changed the mapping: it is used and remembered for this header row. */
  choose(mapping: TableMapping): void
  /** Forgets the remembered mapping and goes back to the automatic one. */
  restoreAutomatic(): void
  /** No file any more. */
  close(): void
}

/** The bulk page's column mapping, remembered in this browser by the file's header row. */
export function useTableMapping(): TableMappingState {
  const [state, setState] = useState<MappingState | null>(null)
  return {
    mapping: state?.mapping ?? null,
    recalled: state?.recalled ?? false,
    open(table) {
      const automatic = defaultMapping(table.columns, table.suggestedIdColumn)
      const signature = headerSignature(table.columns)
      const remembered = recalledMapping(
        propertyMappings.recall(signature),
        table.columns.length,
        automatic,
      )
      setState({
        mapping: remembered ?? automatic,
        automatic,
        signature,
        recalled: remembered !== null,
      })
    },
    choose(mapping) {
      if (state === null) return
      const kept = mappingToRemember(mapping, state.automatic)
      if (kept === null) propertyMappings.forget(state.signature)
      else propertyMappings.remember(state.signature, kept)
      setState({ ...state, mapping, recalled: false })
    },
    restoreAutomatic() {
      if (state === null) return
      propertyMappings.forget(state.signature)
      setState({ ...state, mapping: state.automatic, recalled: false })
    },
    close: () => setState(null),
  }
}
