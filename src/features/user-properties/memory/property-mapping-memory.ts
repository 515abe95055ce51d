// What this browser remembers of the bulk page: one column mapping per export's header row, in
// localStorage, so the next export with the same columns opens mapped the same way.
import { createReadingMemoryStore } from '../../../lib/reading-memory-store'
import { tableMappingSchema } from '../domain/remembered-mapping'

/** The column mapping chosen for each properties export's header row, in this browser. */
export const propertyMappings = createReadingMemoryStore(
  'fanpass-console.property-mappings.v1',
  tableMappingSchema,
)
